/* sandbox-test-util.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "calbook-sandbox.h"

G_BEGIN_DECLS

#define V_BOOKINGS "2024-08-13"
#define V_SLOTS "2024-09-04"
#define V_EVENT_TYPES "2024-06-14"

/* An in-process sandbox serving from its own thread and main context, so
 * the tests can talk to it with blocking libsoup calls. */
typedef struct
{
  CalbookSandbox *sandbox;
  GThread        *thread;
  GMainContext   *context;
  GMainLoop      *loop;
  SoupSession    *session;
  char           *url;
  GMutex          lock;
  GCond           cond;
  gboolean        ready;
  GError         *error;
  /* One connection per request: with dropped connections injected,
   * libsoup would otherwise resend on a reused connection */
  gboolean        close_connections;
} SandboxFixture;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *json;
  GError             *error;   /* transport error, e.g. a dropped connection */
} SandboxReply;

SandboxFixture *sandbox_fixture_new       (guint64         seed,
                                           guint           n_bookings);
SandboxFixture *sandbox_fixture_new_for   (CalbookSandbox *sandbox);
void            sandbox_fixture_free      (SandboxFixture *fixture);
const char     *sandbox_fixture_key       (SandboxFixture *fixture,
                                           const char     *username);

SandboxReply   *sandbox_request           (SandboxFixture *fixture,
                                           const char     *method,
                                           const char     *path,
                                           const char     *api_key,
                                           const char     *version,
                                           const char     *body);
SandboxReply   *sandbox_request_full      (SandboxFixture *fixture,
                                           SoupSession    *session,
                                           const char     *method,
                                           const char     *path,
                                           const char     *api_key,
                                           const char     *version,
                                           const char     *body,
                                           const char     *request_id);
void            sandbox_reply_free        (SandboxReply   *reply);

JsonObject     *sandbox_reply_object      (SandboxReply   *reply);
JsonArray      *sandbox_reply_data_array  (SandboxReply   *reply);
JsonObject     *sandbox_reply_data_object (SandboxReply   *reply);
const char     *sandbox_reply_header      (SandboxReply   *reply,
                                           const char     *name);
void            sandbox_assert_error      (SandboxReply   *reply,
                                           guint           status,
                                           const char     *code,
                                           const char     *message);
void            sandbox_assert_flat_error (SandboxReply   *reply,
                                           guint           status,
                                           const char     *message);
void            sandbox_assert_validation (SandboxReply   *reply,
                                           const char     *property,
                                           const char     *constraint,
                                           const char     *message);
char           *sandbox_format_time       (gint64          unix_seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SandboxReply, sandbox_reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SandboxFixture, sandbox_fixture_free)

G_END_DECLS
