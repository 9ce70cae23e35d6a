/* calbook-rejected-booking.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CALBOOK_TYPE_REJECTED_BOOKING (calbook_rejected_booking_get_type ())

/**
 * CalbookRejectedBooking:
 * @id: row id
 * @uid: the booking's uid as far as it could be read ("" when it could not)
 * @reason: why it could not be read or stored, for people
 * @json: the text Cal.com sent for it, as it came
 * @seen_at: UTC seconds when it was last seen
 *
 * A booking Cal.com sent that Calbook could not read or store. It is kept
 * aside (so that nothing is lost and a curious user can look) and does not
 * stop the rest of the sync; storing the booking later removes it.
 */
typedef struct
{
  gint64  id;
  char   *uid;
  char   *reason;
  char   *json;
  gint64  seen_at;
} CalbookRejectedBooking;

GType                   calbook_rejected_booking_get_type (void) G_GNUC_CONST;
CalbookRejectedBooking *calbook_rejected_booking_copy     (const CalbookRejectedBooking *self);
void                    calbook_rejected_booking_free     (CalbookRejectedBooking       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CalbookRejectedBooking, calbook_rejected_booking_free)

G_END_DECLS
