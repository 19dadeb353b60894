/** Who may do what with inspections (the route × role matrix test checks it): see README.md, "Access". */
/** Staff who read the directories and the draws (unit staff: their own units' inspectors, items and draws). */
export const INSPECTION_READERS = ['office', 'admin', 'leader', 'unit_staff'] as const;
/** Who keep inspectors and items: the office for all departments, unit staff for their own units (checked in the store). */
export const INSPECTION_KEEPERS = ['office', 'admin', 'unit_staff'] as const;
/** The office's own powers: other inspected objects, the import of inspectors, and draws. */
export const INSPECTION_OFFICE = ['office', 'admin'] as const;
