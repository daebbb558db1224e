-- Written with `prisma migrate diff --from-schema-datamodel <previous> --to-schema-datamodel prisma/schema.prisma --script`.
-- Each notification keeps the id of the transaction that inserted it: stream cursors pair the last
-- id with a snapshot's xmin, and replay reads the rows whose transaction was still open then, so an
-- event committed after a later-numbered one is not skipped. Existing rows take the migration's own id.

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "txid" xid8 NOT NULL DEFAULT pg_current_xact_id();

-- CreateIndex
CREATE INDEX "Notification_txid_idx" ON "Notification"("txid");
