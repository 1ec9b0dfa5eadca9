/** What a checkout form needs to ask who a purchase is for: the name (only when the patient has not given it
 * yet) and the family members to choose from. Plain data, so a server page can hand it to a client form. */
export type PersonChoice = {
  needsName: boolean;
  selfName: string;
  members: { id: string; label: string }[];
  heading: "visit" | "chat";
};

/** What a checkout action answers about these fields: errors per field and the values as sent, shown again
 * because React resets a form after its action. */
export type PersonFieldsState = { fieldErrors?: Record<string, string>; values?: Record<string, string> };
