export * from "./users";
export * from "./directory";
export * from "./schedule";
export * from "./payments";
export * from "./reservations";
export * from "./chat";
export * from "./wallet";
export * from "./operations";
