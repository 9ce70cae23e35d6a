/* calbook-sandbox-bookings.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-sandbox-bookings.h"
#include "calbook-sandbox-json.h"

/* Auxiliary methods */

static void
reply_booking_not_found (CalbookSandboxRequest *req,
                         const char            *uid)
{
  g_autofree char *message = g_strdup_printf ("Booking with uid=%s was not found in the database", uid);

  calbook_sandbox_reply_error (req, 404, message);
}

/* Public API */

void
calbook_sandbox_bookings_get (CalbookSandboxRequest *req,
                              const char            *uid)
{
  JsonNode *node;

  if (!calbook_sandbox_request_check_auth (req))
    return;

  node = calbook_sandbox_booking_lookup_json (req->db, uid);
  if (node == NULL)
    node = calbook_sandbox_series_lookup_json (req->db, uid);
  if (node == NULL)
    {
      reply_booking_not_found (req, uid);
      return;
    }

  calbook_sandbox_reply_success (req, 200, node);
}

/* TEMPORARY-STUBS */
void calbook_sandbox_bookings_create (CalbookSandboxRequest *req) { calbook_sandbox_reply_no_route (req); }
void calbook_sandbox_bookings_reschedule (CalbookSandboxRequest *req, const char *uid) { calbook_sandbox_reply_no_route (req); }
void calbook_sandbox_bookings_cancel (CalbookSandboxRequest *req, const char *uid) { calbook_sandbox_reply_no_route (req); }
void calbook_sandbox_bookings_confirm (CalbookSandboxRequest *req, const char *uid) { calbook_sandbox_reply_no_route (req); }
void calbook_sandbox_bookings_decline (CalbookSandboxRequest *req, const char *uid) { calbook_sandbox_reply_no_route (req); }
void calbook_sandbox_bookings_mark_absent (CalbookSandboxRequest *req, const char *uid) { calbook_sandbox_reply_no_route (req); }
void calbook_sandbox_bookings_set_location (CalbookSandboxRequest *req, const char *uid) { calbook_sandbox_reply_no_route (req); }
void calbook_sandbox_bookings_add_guests (CalbookSandboxRequest *req, const char *uid) { calbook_sandbox_reply_no_route (req); }
