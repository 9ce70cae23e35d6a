/* calbook-booking-row.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "calbook-booking.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_BOOKING_ROW (calbook_booking_row_get_type ())

G_DECLARE_FINAL_TYPE (CalbookBookingRow, calbook_booking_row, CALBOOK, BOOKING_ROW, GtkWidget)

GtkWidget      *calbook_booking_row_new         (void);
CalbookBooking *calbook_booking_row_get_booking (CalbookBookingRow *self);
void            calbook_booking_row_set_booking (CalbookBookingRow *self,
                                                 CalbookBooking    *booking);
const char     *calbook_booking_row_get_title_text (CalbookBookingRow *self);

G_END_DECLS
