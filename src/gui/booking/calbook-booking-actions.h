/* calbook-booking-actions.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "calbook-booking.h"

G_BEGIN_DECLS

/*
 * The booking action group: booking.confirm, booking.decline,
 * booking.cancel, booking.reschedule, booking.mark-no-show,
 * booking.change-location, booking.add-guests, booking.copy-link,
 * booking.copy-id, booking.open-web (no parameters).
 *
 * Any widget that shows one booking (the window for its selection, the
 * details, a row, a week block) installs the group on its class and tells
 * it which booking it shows; a menu or button inside that widget then acts
 * on that booking. The context (CalbookContext) is the root window's
 * "context" property. Whether each action is enabled is worked out from
 * the booking's state in one place, calbook_booking_actions_update().
 *
 * Every change goes through the core's change kinds and the outbox, so it
 * works offline and shows as pending; its outcome is a toast in the
 * nearest AdwToastOverlay of the window.
 */

/* Returns (transfer none) (nullable) the booking @widget shows */
typedef CalbookBooking *(*CalbookBookingLookupFunc) (GtkWidget *widget);

void        calbook_booking_actions_install       (GtkWidgetClass           *widget_class,
                                                   CalbookBookingLookupFunc  lookup);
void        calbook_booking_actions_update        (GtkWidget                *widget,
                                                   CalbookBooking           *booking);
/* The one rule: whether booking.@name ("confirm", "cancel", …) applies to
 * @booking now (its status and whether it started or ended) */
gboolean    calbook_booking_actions_is_enabled    (CalbookBooking           *booking,
                                                   const char               *name);

/* Acts on @booking as booking.@name would, in @widget's window (for
 * notification buttons: "decline" opens its dialog there) */
void        calbook_booking_actions_activate      (GtkWidget                *widget,
                                                   CalbookBooking           *booking,
                                                   const char               *name);

/* win.new-booking (Ctrl+N) on a window class with a "context" property */
void        calbook_booking_actions_install_new_booking (GtkWidgetClass     *widget_class);

/* (transfer none) The menu for context menus on rows and blocks */
GMenuModel *calbook_booking_actions_get_menu      (void);

/* For the week view's "create-requested" and "move-requested": @widget is
 * any widget in the window. @start/@end may be NULL; a move asks first. */
void        calbook_booking_actions_new_booking   (GtkWidget                *widget,
                                                   GDateTime                *start,
                                                   GDateTime                *end);
void        calbook_booking_actions_move          (GtkWidget                *widget,
                                                   CalbookBooking           *booking,
                                                   GDateTime                *new_start);

G_END_DECLS
