/* calbook-application.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "calbook-context.h"
#include "calbook-notification.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_APPLICATION (calbook_application_get_type ())

G_DECLARE_FINAL_TYPE (CalbookApplication, calbook_application, CALBOOK, APPLICATION, AdwApplication)

CalbookApplication *calbook_application_new               (void);
CalbookContext     *calbook_application_get_context       (CalbookApplication        *self);
GSettings          *calbook_application_get_settings      (CalbookApplication        *self);
gboolean            calbook_application_get_demo          (CalbookApplication        *self);
const char         *calbook_application_get_demo_folder   (CalbookApplication        *self);
void                calbook_application_start_demo        (CalbookApplication        *self,
                                                           gboolean                   as_admin);
void                calbook_application_send_notification (CalbookApplication        *self,
                                                           const CalbookNotification *notification);

G_END_DECLS
