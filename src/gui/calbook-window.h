/* calbook-window.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "calbook-context.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_WINDOW (calbook_window_get_type ())

G_DECLARE_FINAL_TYPE (CalbookWindow, calbook_window, CALBOOK, WINDOW, AdwApplicationWindow)

CalbookWindow  *calbook_window_new                 (GtkApplication *application);
CalbookContext *calbook_window_get_context         (CalbookWindow  *self);
void            calbook_window_set_context         (CalbookWindow  *self,
                                                    CalbookContext *context);
void            calbook_window_show_loading        (CalbookWindow  *self,
                                                    const char     *title,
                                                    const char     *description);
void            calbook_window_show_error          (CalbookWindow  *self,
                                                    const char     *title,
                                                    const char     *description);
void            calbook_window_show_error_with_action (CalbookWindow *self,
                                                       const char    *title,
                                                       const char    *description,
                                                       const char    *button_label,
                                                       const char    *action_name);
void            calbook_window_show_booking        (CalbookWindow  *self,
                                                    const char     *uid);
void            calbook_window_show_welcome        (CalbookWindow  *self,
                                                    const char     *base_url,
                                                    const char     *message);
void            calbook_window_add_toast           (CalbookWindow  *self,
                                                    const char     *text);
void            calbook_window_set_remember_state  (CalbookWindow  *self,
                                                    gboolean        remember);
void            calbook_window_set_subtitle        (CalbookWindow  *self,
                                                    const char     *subtitle);
GtkWindow      *calbook_window_show_outbox         (CalbookWindow  *self);
CalbookBooking *calbook_window_get_selected_booking (CalbookWindow *self);
void            calbook_window_set_selected_booking (CalbookWindow *self,
                                                    CalbookBooking *booking);
const char     *calbook_window_get_view_name       (CalbookWindow  *self);
void            calbook_window_set_view_name       (CalbookWindow  *self,
                                                    const char     *name);
const char     *calbook_window_get_status_view     (CalbookWindow  *self);
void            calbook_window_set_status_view     (CalbookWindow  *self,
                                                    const char     *name);
void            calbook_window_search              (CalbookWindow  *self,
                                                    const char     *text);

G_END_DECLS
