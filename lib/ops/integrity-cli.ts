import { database } from "@/db/client";
import { ghostRecords } from "./ghost-records";
import { unverifiedReviews } from "./review-integrity";
import { walletMismatches } from "./wallet-integrity";

/** `npm run check:integrity`: reads the database in DATABASE_URL (CI runs it after the journeys) and fails when
 * any reservation or chat request lacks a verified payment or wallet debit, a wallet disagrees with its
 * ledger, or a review has no attended visit behind it. */
const handle = database();
try {
  const ghosts = await ghostRecords(handle.db);
  const wallets = await walletMismatches(handle.db);
  const reviews = await unverifiedReviews(handle.db);
  console.log(`ghost records: ${ghosts.total} (reservations ${ghosts.reservations}, chat requests ${ghosts.chatRequests})`);
  console.log(`wallets whose balance differs from their ledger: ${wallets.length}`);
  for (const ghost of ghosts.sample) console.log(`  ghost ${ghost.kind} ${ghost.id}`);
  console.log(`reviews without an attended visit: ${reviews.length}`);
  for (const id of reviews) console.log(`  review ${id}`);
  for (const wallet of wallets) console.log(`  wallet ${wallet.userId}: balance ${wallet.balanceRial}, ledger ${wallet.ledgerRial}`);
  process.exitCode = ghosts.total === 0 && wallets.length === 0 && reviews.length === 0 ? 0 : 1;
} finally {
  await handle.close();
}
