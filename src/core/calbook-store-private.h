/* calbook-store-private.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-store.h"

G_BEGIN_DECLS

/* For CalbookBookingList: (transfer full) (element-type CalbookBooking) */
GPtrArray *_calbook_store_query_bookings_from (CalbookStore               *self,
                                               const CalbookBookingFilter *filter,
                                               CalbookBooking             *from,
                                               gboolean                    backwards,
                                               guint                       limit,
                                               GError                    **error);

G_END_DECLS
