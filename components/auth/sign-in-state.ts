export type SignInState = {
  step: "phone" | "code";
  phone?: string;
  notice?: string;
  error?: { field: "phone" | "code" | "form"; message: string };
};

export const initialSignInState: SignInState = { step: "phone" };
