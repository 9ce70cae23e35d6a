/* calbook-location-dialog.h
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

#define CALBOOK_TYPE_LOCATION_DIALOG (calbook_location_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CalbookLocationDialog, calbook_location_dialog, CALBOOK, LOCATION_DIALOG, AdwMessageDialog)

/* A new place from the event type's options (or typed in); responds "change" */
CalbookLocationDialog *calbook_location_dialog_new                (GtkWindow             *parent,
                                                                   CalbookContext        *context,
                                                                   CalbookBooking        *booking);
JsonObject            *calbook_location_dialog_build_body         (CalbookLocationDialog *self);
/* (nullable): back to the old place, when Cal.com can set it */
JsonObject            *calbook_location_dialog_build_reverse_body (CalbookLocationDialog *self);

G_END_DECLS
