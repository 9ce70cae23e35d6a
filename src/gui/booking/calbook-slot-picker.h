/* calbook-slot-picker.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "calbook-context.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_SLOT_PICKER (calbook_slot_picker_get_type ())

G_DECLARE_FINAL_TYPE (CalbookSlotPicker, calbook_slot_picker, CALBOOK, SLOT_PICKER, GtkWidget)

/*
 * A day, then one of the event type's free times on it from Cal.com's
 * /v2/slots, shown in this computer's time zone. Property "selected-start"
 * (GDateTime, nullable) is the chosen time.
 */

void       calbook_slot_picker_set_query          (CalbookSlotPicker *self,
                                                   CalbookContext    *context,
                                                   gint64             event_type_id,
                                                   const char        *reschedule_uid);
void       calbook_slot_picker_set_day            (CalbookSlotPicker *self,
                                                   GDateTime         *day);
/* (transfer none) (nullable) */
GDateTime *calbook_slot_picker_get_selected_start (CalbookSlotPicker *self);
/* Chooses @start when it is among the free times shown */
gboolean   calbook_slot_picker_select             (CalbookSlotPicker *self,
                                                   GDateTime         *start);
/* Asks Cal.com again whether the chosen time is still free; when it is
 * not, the day's times are shown anew with a message saying so */
void       calbook_slot_picker_check_async        (CalbookSlotPicker   *self,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean   calbook_slot_picker_check_finish       (CalbookSlotPicker   *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* Whether a day's times are being fetched */
gboolean   calbook_slot_picker_get_loading        (CalbookSlotPicker *self);

G_END_DECLS
