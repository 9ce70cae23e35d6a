/* calbook-booking-column-private.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-booking-column.h"

G_BEGIN_DECLS

/*
 * The values the store keeps in its columns, made by this one code for
 * writing, for the schema step that fills old rows, and for the reference
 * order the tests compare the store's SQL with.
 *
 * A column's sort key is either a number or a text (compared byte by byte,
 * as SQLite's BINARY collation does): see _calbook_booking_column_is_text().
 */

/* Whether @column sorts by a text key (else by a number) */
gboolean  _calbook_booking_column_is_text      (CalbookBookingColumn  column);
/* The number @column sorts @booking by */
gint64    _calbook_booking_column_get_number   (CalbookBookingColumn  column,
                                                CalbookBooking       *booking);
/* (transfer full): the text @column sorts @booking by */
char     *_calbook_booking_column_dup_text     (CalbookBookingColumn  column,
                                                CalbookBooking       *booking);
/* (transfer full): @person's label, folded for sorting ("" for %NULL) */
char     *_calbook_booking_column_dup_person_key (const CalbookPerson *person);
/* (transfer full): @email with ASCII letters lowered, as the own-bookings
 * rule compares addresses; %NULL for %NULL or "" */
char     *_calbook_booking_column_dup_email_key  (const char          *email);

G_END_DECLS
