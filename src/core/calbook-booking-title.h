/* calbook-booking-title.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-booking.h"

G_BEGIN_DECLS

char *calbook_booking_title_dup_event_name      (CalbookBooking *booking);
char *calbook_booking_title_dup_event_name_from (const char     *title,
                                                 const char     *host_name,
                                                 const char     *attendee_name);

G_END_DECLS
