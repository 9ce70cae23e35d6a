/* calbook-booking-block.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "calbook-booking.h"
#include "calbook-booking-summary.h"
#include "calbook-store.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_BOOKING_BLOCK (calbook_booking_block_get_type ())

G_DECLARE_FINAL_TYPE (CalbookBookingBlock, calbook_booking_block, CALBOOK, BOOKING_BLOCK, GtkWidget)

GtkWidget      *calbook_booking_block_new          (CalbookBookingSummary *summary,
                                                    CalbookStore        *store,
                                                    const char          *own_email,
                                                    gboolean             pending,
                                                    gboolean             compact);
CalbookBookingSummary *calbook_booking_block_get_summary (CalbookBookingBlock *self);
const char     *calbook_booking_block_get_uid      (CalbookBookingBlock *self);
CalbookBooking *calbook_booking_block_get_booking  (CalbookBookingBlock *self);
gboolean        calbook_booking_block_get_pending  (CalbookBookingBlock *self);
void            calbook_booking_block_set_selected (CalbookBookingBlock *self,
                                                    gboolean             selected);
const char     *calbook_booking_block_get_title_text (CalbookBookingBlock *self);
void            calbook_booking_block_fit_height   (CalbookBookingBlock *self,
                                                    int                  height);
char           *calbook_booking_block_get_shown_text (CalbookBookingBlock *self);

G_END_DECLS
