/* calbook-booking-text.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-booking.h"

G_BEGIN_DECLS

/* How dialogs and toasts name a booking: the client's name, else its title
 * (cut to CALBOOK_BOOKING_TEXT_MAX_CHARS); transfer none */
const char *calbook_booking_text_client_name (CalbookBooking *booking);
/* @text (from Cal.com) cut to what a label can lay out at once: Pango
 * shapes a whole paragraph even when it is ellipsized, and a wrapping label
 * lays it out again for every width it is measured at, so a 1 MB title
 * would stop the window. Names and titles: 300 characters and "…"; notes
 * (a paragraph people read whole): 4000. NULL stays NULL. */
#define CALBOOK_BOOKING_TEXT_MAX_CHARS       300
#define CALBOOK_BOOKING_TEXT_MAX_NOTES_CHARS 4000
char       *calbook_booking_text_shorten       (const char     *text);
char       *calbook_booking_text_shorten_notes (const char     *text);
/* "Ann Smith, Tue 3 Dec 10:00–10:30" */
char       *calbook_booking_text_describe    (CalbookBooking *booking);

G_END_DECLS
