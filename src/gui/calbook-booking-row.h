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
void            calbook_booking_row_set_header  (CalbookBookingRow *self,
                                                 const char        *header);
const char     *calbook_booking_row_get_header  (CalbookBookingRow *self);
void            calbook_booking_row_set_own_email (CalbookBookingRow *self,
                                                 const char        *own_email);
void            calbook_booking_row_set_pending (CalbookBookingRow *self,
                                                 gboolean           pending);
gboolean        calbook_booking_row_get_pending (CalbookBookingRow *self);
const char     *calbook_booking_row_get_title_text (CalbookBookingRow *self);
const char     *calbook_booking_row_get_status_text (CalbookBookingRow *self);

G_END_DECLS
