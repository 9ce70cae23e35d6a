/* calbook-application-private.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-application.h"
#include "calbook-demo-server.h"

G_BEGIN_DECLS

/* Hook for the GUI tests: the demo's built-in server, to take it away */
CalbookDemoServer *calbook_application_get_demo_server (CalbookApplication *self);

G_END_DECLS
