/* calbook-application.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CALBOOK_TYPE_APPLICATION (calbook_application_get_type ())

G_DECLARE_FINAL_TYPE (CalbookApplication, calbook_application, CALBOOK, APPLICATION, AdwApplication)

CalbookApplication *calbook_application_new (void);

G_END_DECLS
