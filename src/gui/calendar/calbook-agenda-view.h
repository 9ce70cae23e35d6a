/* calbook-agenda-view.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "calbook-booking-list.h"
#include "calbook-view.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_AGENDA_VIEW (calbook_agenda_view_get_type ())

G_DECLARE_FINAL_TYPE (CalbookAgendaView, calbook_agenda_view, CALBOOK, AGENDA_VIEW, GtkWidget)

CalbookBookingList *calbook_agenda_view_get_list        (CalbookAgendaView *self);
GtkListView        *calbook_agenda_view_get_list_view   (CalbookAgendaView *self);
void                calbook_agenda_view_set_empty_state (CalbookAgendaView *self,
                                                         const char        *icon_name,
                                                         const char        *title,
                                                         const char        *description);

G_END_DECLS
