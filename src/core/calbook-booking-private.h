/* calbook-booking-private.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-booking.h"

G_BEGIN_DECLS

/*
 * The booking's reader straight from text, alone, for the tests that show
 * it gives what the tree reader gives: calbook_booking_new_from_json_string()
 * uses it first and leaves what it declines to the tree reader.
 */

/* (transfer full) (nullable): the booking, or %NULL where this reader
 * leaves @text to the tree reader */
CalbookBooking *_calbook_booking_new_from_text_only (const char *text,
                                                     gsize       length);

G_END_DECLS
