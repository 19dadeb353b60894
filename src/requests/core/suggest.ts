/**
 * The routing suggestion on real text: segments with the project's one jieba segmenter (src/policies/core, the
 * policy search's, with its domain words) and scores with ./routing.ts. Not exported from ./index.ts: the web imports
 * that index and must not load the native segmenter.
 */
import { segmenter } from '../../policies/core/index.js';
import { normalizeWord, prepareCatalogue, segmented, suggestRoutes, type CatalogueTopic, type RouteSuggestion, type SegmentedText } from './routing.js';

/** A text cut in precise mode (lower-cased, punctuation dropped). */
export function segmentText(text: string): SegmentedText {
  return segmented(
    segmenter()
      .cut(text, true)
      .map(normalizeWord)
      .filter((w) => w !== ''),
  );
}

/** A suggester over one catalogue: keywords prepared once, then `(subject, description) → top 3`. */
export function routingSuggester(catalogue: readonly CatalogueTopic[]): (subject: string, description: string, n?: number) => RouteSuggestion[] {
  const prepared = prepareCatalogue(catalogue);
  return (subject, description, n = 3) => suggestRoutes(prepared, segmentText(subject), segmentText(description), n);
}
