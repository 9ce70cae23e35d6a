/* calbook-rejected-booking.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-rejected-booking.h"

G_DEFINE_BOXED_TYPE (CalbookRejectedBooking, calbook_rejected_booking,
                     calbook_rejected_booking_copy, calbook_rejected_booking_free)

/**
 * calbook_rejected_booking_copy:
 * @self: an entry
 *
 * Returns: (transfer full): a deep copy of @self
 */
CalbookRejectedBooking *
calbook_rejected_booking_copy (const CalbookRejectedBooking *self)
{
  CalbookRejectedBooking *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->uid = g_strdup (self->uid);
  copy->reason = g_strdup (self->reason);
  copy->json = g_strdup (self->json);

  return copy;
}

/**
 * calbook_rejected_booking_free:
 * @self: (nullable): an entry
 */
void
calbook_rejected_booking_free (CalbookRejectedBooking *self)
{
  if (self == NULL)
    return;

  g_free (self->uid);
  g_free (self->reason);
  g_free (self->json);
  g_free (self);
}
