import type { YearData } from '../core/types.js';
import { year2020 } from './year-2020.js';
import { year2021 } from './year-2021.js';
import { year2022 } from './year-2022.js';
import { year2023 } from './year-2023.js';
import { year2024 } from './year-2024.js';
import { year2025 } from './year-2025.js';
import { year2026 } from './year-2026.js';

/** The official arrangements bundled with bizenv, oldest first. */
export const OFFICIAL_YEARS: readonly YearData[] = [year2020, year2021, year2022, year2023, year2024, year2025, year2026];

export { year2020, year2021, year2022, year2023, year2024, year2025, year2026 };
