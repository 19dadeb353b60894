#!/usr/bin/env python3
"""An independent implementation of the bizenv 双随机 draw (algorithm bizenv-draw-v1, src/inspections/README.md),
written from the published rule only, with Python's hashlib. It prints the golden vectors that
src/inspections/core/core.test.ts asserts; it can also verify a published draw:

    python3 src/inspections/reference_draw.py                 # golden vectors
    python3 src/inspections/reference_draw.py proof.json      # verify a proof (GET /api/inspections/public/draws/N/proof)
"""
import hashlib
import json
import sys


def cj(v):
    """Canonical JSON: keys sorted at every level, no spaces, UTF-8 (JSON.stringify of key-sorted data)."""
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def h(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Stream:
    def __init__(self, seed_hex):
        self.seed = bytes.fromhex(seed_hex)
        self.counter = 0
        self.buf = b""

    def word(self):
        if not self.buf:
            self.buf = hashlib.sha256(self.seed + self.counter.to_bytes(8, "big")).digest()
            self.counter += 1
        w, self.buf = int.from_bytes(self.buf[:4], "big"), self.buf[4:]
        return w

    def below(self, n):
        limit = 2**32 - (2**32 % n)
        while True:
            w = self.word()
            if w < limit:
                return w % n


def draw_first(items, k, s):
    a = list(items)
    for i in range(min(k, len(a))):
        j = i + s.below(len(a) - i)
        a[i], a[j] = a[j], a[i]
    return a[: min(k, len(a))]


def canon_objects(objs):
    return sorted(
        ({"key": o["key"], "name": o["name"], "code": o["code"], "stratum": o["stratum"], "lastInspectors": sorted(set(o["lastInspectors"]))} for o in objs),
        key=lambda o: o["key"],
    )


def canon_inspectors(ins):
    return sorted(
        ({"key": i["key"], "name": i["name"], "certNo": i["certNo"], "department": i["department"], "fields": sorted(set(i["fields"])), "avoid": sorted(set(i["avoid"]))} for i in ins),
        key=lambda i: i["key"],
    )


def canon_params(p):
    return {**p, "shares": sorted(p["shares"], key=lambda s: s["stratum"])}


def commit(header, objs, ins, params, seed_source):
    oh, ih = h(cj(canon_objects(objs))), h(cj(canon_inspectors(ins)))
    c = h(cj({"algorithm": "bizenv-draw-v1", "draw": header, "objectsHash": oh, "inspectorsHash": ih, "params": canon_params(params), "seedSource": seed_source}))
    return oh, ih, c


def seed_of(commitment, witness_numbers, lottery):
    return h(cj({"commitment": commitment, "lotteryResult": lottery, "witnessNumbers": witness_numbers}))


def run(objs, ins, params, seed):
    objs, ins, p = canon_objects(objs), canon_inspectors(ins), canon_params(params)
    s = Stream(seed)
    strata = {}
    for o in objs:
        strata.setdefault(o["stratum"], []).append(o)
    picks, out = [], []
    for name in sorted(strata):  # Python sorts str by code point; equal to UTF-16 order within the BMP
        members = strata[name]
        bp = next((x["bp"] for x in p["shares"] if x["stratum"] == name), p["defaultShareBp"])
        k = min(len(members), (len(members) * bp + 9999) // 10000)
        drawn = draw_first(members, k, s)
        out.append({"stratum": name, "population": len(members), "bp": bp, "drawn": len(drawn)})
        picks += [{"object": o["key"], "stratum": name, "team": []} for o in drawn]
    last = {o["key"]: set(o["lastInspectors"]) for o in objs}
    load = {i["key"]: 0 for i in ins}
    need = 2 if len(p["departments"]) == 1 else 1
    for pick in picks:
        for d in p["departments"]:
            for _ in range(need):
                eligible = [
                    i["key"] for i in ins
                    if i["department"] == d and (p["field"] is None or p["field"] in i["fields"])
                    and pick["object"] not in i["avoid"] and i["key"] not in last[pick["object"]] and i["key"] not in pick["team"]
                ]
                least = min(load[k] for k in eligible)
                cands = [k for k in eligible if load[k] == least]  # key order
                chosen = cands[s.below(len(cands))]
                load[chosen] += 1
                pick["team"].append(chosen)
    return {"strata": out, "picks": picks, "workload": [{"inspector": i["key"], "checks": load[i["key"]]} for i in ins]}


def golden():
    s = Stream("00" * 32)
    words = [s.word() for _ in range(10)]
    s = Stream("00" * 32)
    below = [s.below(i + 1) for i in range(10)]
    fy = draw_first(range(10), 10, Stream("11" * 32))
    objs = [{"key": f"E{i}", "name": f"对象{i}", "code": None, "stratum": "未分级" if i % 3 else "信用风险高", "lastInspectors": ["I2"] if i == 4 else []} for i in range(1, 13)]
    ins = [{"key": f"I{i}", "name": f"检查员{i}", "certNo": f"500{i:04d}", "department": "U1" if i <= 4 else "U2", "fields": ["食品"], "avoid": ["E1"] if i == 1 else []} for i in range(1, 8)]
    params = {"departments": ["U1", "U2"], "shares": [{"stratum": "信用风险高", "bp": 10000}], "defaultShareBp": 2500, "field": None, "classDate": "2026-11-30"}
    src = {"witnesses": ["张三", "李四"], "lottery": {"name": "中国福利彩票双色球", "drawDate": "2026-12-01"}}
    oh, ih, c = commit({"number": "渝中双随机〔2026〕1号", "title": "金标样例"}, objs, ins, params, src)
    seed = seed_of(c, ["123456", "007"], "03 07 12 19 25 31 + 09")
    r = run(objs, ins, params, seed)
    return {"words": words, "below": below, "fy": fy, "objectsHash": oh, "inspectorsHash": ih, "commitment": c, "seed": seed, "result": r, "resultHash": h(cj(r))}


if __name__ == "__main__":
    if len(sys.argv) > 1:
        d = json.load(open(sys.argv[1], encoding="utf-8"))
        oh, ih, c = commit(d["draw"], d["objects"], d["inspectors"], d["params"], d["seedSource"])
        ok = (oh, ih, c) == (d["committed"]["objectsHash"], d["committed"]["inspectorsHash"], d["committed"]["commitment"])
        seed = seed_of(c, d["witnessNumbers"], d["lotteryResult"])
        r = run(d["objects"], d["inspectors"], d["params"], seed)
        ok = ok and seed == d["seed"] and h(cj(r)) == d["resultHash"]
        print("一致" if ok else "不一致")
        sys.exit(0 if ok else 1)
    print(json.dumps(golden(), ensure_ascii=False))
