/* calbook-window-private.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-booking-details.h"
#include "calbook-view.h"
#include "calbook-welcome-page.h"
#include "calbook-window.h"

G_BEGIN_DECLS

/* Hooks for the GUI tests: the widgets a person would look at */
CalbookBookingList    *calbook_window_get_booking_list (CalbookWindow *self);
GtkListView           *calbook_window_get_list_view    (CalbookWindow *self);
GtkSearchEntry        *calbook_window_get_search_entry (CalbookWindow *self);
CalbookView           *calbook_window_get_view         (CalbookWindow *self,
                                                        const char    *name);
GtkLabel              *calbook_window_get_status_count_label (CalbookWindow *self);
GtkLabel              *calbook_window_get_banner_detail_label (CalbookWindow *self);
CalbookBookingDetails *calbook_window_get_details      (CalbookWindow *self);
CalbookWelcomePage    *calbook_window_get_welcome_page (CalbookWindow *self);
const char            *calbook_window_get_visible_page (CalbookWindow *self);
GtkLabel              *calbook_window_get_banner_label (CalbookWindow *self);
GtkButton             *calbook_window_get_banner_button (CalbookWindow *self);
GtkWidget             *calbook_window_get_part         (CalbookWindow *self,
                                                        const char    *id);

G_END_DECLS
