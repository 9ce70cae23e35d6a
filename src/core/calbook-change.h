/* calbook-change.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-booking.h"

G_BEGIN_DECLS

typedef enum
{
  CALBOOK_CHANGE_CREATED,
  CALBOOK_CHANGE_RESCHEDULED,
  CALBOOK_CHANGE_CANCELLED,
  CALBOOK_CHANGE_CONFIRMED,
  CALBOOK_CHANGE_DECLINED,
  CALBOOK_CHANGE_NO_SHOW,
  CALBOOK_CHANGE_UPDATED,
} CalbookChangeKind;

#define CALBOOK_TYPE_CHANGE (calbook_change_get_type ())

/**
 * CalbookChange:
 * @kind: what happened
 * @booking: the booking as it is now (for a reschedule: the new booking)
 * @previous: (nullable): the booking as the store had it before (for a
 *   reschedule: the old, now cancelled, booking)
 * @actor_email: (nullable): who did it (cancelledByEmail, rescheduledByEmail), when known
 * @by_self: the signed-in user did it (from this app or elsewhere)
 *
 * One thing the sync saw change on Cal.com.
 */
typedef struct
{
  CalbookChangeKind  kind;
  CalbookBooking    *booking;
  CalbookBooking    *previous;
  char              *actor_email;
  gboolean           by_self;
} CalbookChange;

GType          calbook_change_get_type (void) G_GNUC_CONST;
CalbookChange *calbook_change_new      (CalbookChangeKind    kind,
                                        CalbookBooking      *booking,
                                        CalbookBooking      *previous,
                                        const char          *actor_email,
                                        gboolean             by_self);
CalbookChange *calbook_change_copy     (const CalbookChange *self);
void           calbook_change_free     (CalbookChange       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CalbookChange, calbook_change_free)

G_END_DECLS
