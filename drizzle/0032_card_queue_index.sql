-- Before an order's card is updated, the dispatcher asks whether a newer update of the same card
-- waits behind it in the channel (then this one is skipped). That question was answered by
-- reading every waiting row of the channel after this one, so draining a channel's backlog took
-- time in the square of its length (a channel Slack held back, a burst of cards). This index
-- holds the channel's waiting card rows by order: the question costs the order's own rows.
CREATE INDEX "outbox_card_queue_idx" ON "outbox" USING btree ("channel",(("payload"->>'orderId')::bigint),"id") WHERE "outbox"."status" = 'pending' and "outbox"."payload"->>'kind' = 'order_card';