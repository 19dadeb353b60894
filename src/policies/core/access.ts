/** Who edits policies and rules, and who publishes them (the routes check these; the web shows the buttons). Pure: the web imports it. */
export const POLICY_EDITORS = ['office', 'unit_staff', 'admin'] as const;
export const POLICY_PUBLISHERS = ['office', 'admin'] as const;
