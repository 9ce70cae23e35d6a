/* calbook-booking-details.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "calbook-booking.h"
#include "calbook-store.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_BOOKING_DETAILS (calbook_booking_details_get_type ())

G_DECLARE_FINAL_TYPE (CalbookBookingDetails, calbook_booking_details,
                      CALBOOK, BOOKING_DETAILS, GtkWidget)

GtkWidget      *calbook_booking_details_new         (void);
CalbookBooking *calbook_booking_details_get_booking (CalbookBookingDetails *self);
void            calbook_booking_details_set_booking (CalbookBookingDetails *self,
                                                     CalbookBooking        *booking);
void            calbook_booking_details_set_store   (CalbookBookingDetails *self,
                                                     CalbookStore          *store);
void            calbook_booking_details_set_unsent  (CalbookBookingDetails *self,
                                                     const char            *message);

G_END_DECLS
