/* calbook-booking-text.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-booking.h"

G_BEGIN_DECLS

/* How dialogs and toasts name a booking: the client's name, else its title */
const char *calbook_booking_text_client_name (CalbookBooking *booking);
/* @text (from Cal.com) cut to what a label can lay out at once: Pango
 * shapes a whole paragraph even when it is ellipsized, and a 1 MB title
 * would stop the window. NULL stays NULL. */
#define CALBOOK_BOOKING_TEXT_MAX_CHARS 2000
char       *calbook_booking_text_shorten     (const char     *text);
/* "Ann Smith, Tue 3 Dec 10:00–10:30" */
char       *calbook_booking_text_describe    (CalbookBooking *booking);

G_END_DECLS
