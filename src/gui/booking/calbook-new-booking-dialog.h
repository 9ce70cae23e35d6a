/* calbook-new-booking-dialog.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "calbook-booking.h"
#include "calbook-context.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_NEW_BOOKING_DIALOG (calbook_new_booking_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CalbookNewBookingDialog, calbook_new_booking_dialog,
                      CALBOOK, NEW_BOOKING_DIALOG, AdwWindow)

/*
 * Booking on behalf of a client (@booking NULL): event type, day and free
 * time, the client, guests, place and notes. Or, for @booking, moving it:
 * the same day and time picker, and a reason. Emits "done" (JsonObject
 * *body, built by the core's builders: a create or a reschedule body)
 * once the chosen time was checked to be still free, then closes.
 * @start (nullable) preselects a day and, when free, that time.
 */
CalbookNewBookingDialog *calbook_new_booking_dialog_new          (GtkWindow               *parent,
                                                                  CalbookContext          *context,
                                                                  CalbookBooking          *booking,
                                                                  GDateTime               *start);
/* "Ann Smith booked for Tue 3 Dec · 10:00" / "Booking with Ann moved to …" */
char                    *calbook_new_booking_dialog_describe     (CalbookNewBookingDialog *self);
char                    *calbook_new_booking_dialog_format_start (GDateTime               *start);

G_END_DECLS
