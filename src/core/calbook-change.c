/* calbook-change.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-change.h"

G_DEFINE_BOXED_TYPE (CalbookChange, calbook_change, calbook_change_copy, calbook_change_free)

/**
 * calbook_change_new:
 * @kind: what happened
 * @booking: the booking as it is now
 * @previous: (nullable): the booking as the store had it before
 * @actor_email: (nullable): who did it, when Cal.com says
 * @by_self: whether the signed-in user did it
 *
 * Returns: (transfer full): a new change holding references to the bookings
 */
CalbookChange *
calbook_change_new (CalbookChangeKind  kind,
                    CalbookBooking    *booking,
                    CalbookBooking    *previous,
                    const char        *actor_email,
                    gboolean           by_self)
{
  CalbookChange *self;

  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);
  g_return_val_if_fail (previous == NULL || CALBOOK_IS_BOOKING (previous), NULL);

  self = g_new0 (CalbookChange, 1);
  self->kind = kind;
  self->booking = g_object_ref (booking);
  self->previous = previous ? g_object_ref (previous) : NULL;
  /* Cal.com sends "" rather than omitting the field at times */
  self->actor_email = (actor_email && *actor_email) ? g_strdup (actor_email) : NULL;
  self->by_self = !!by_self;

  return self;
}

/**
 * calbook_change_copy:
 * @self: a change
 *
 * Returns: (transfer full): a copy sharing the (immutable) bookings
 */
CalbookChange *
calbook_change_copy (const CalbookChange *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return calbook_change_new (self->kind, self->booking, self->previous,
                             self->actor_email, self->by_self);
}

/**
 * calbook_change_free:
 * @self: (nullable): a change
 */
void
calbook_change_free (CalbookChange *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->booking);
  g_clear_object (&self->previous);
  g_clear_pointer (&self->actor_email, g_free);
  g_free (self);
}
