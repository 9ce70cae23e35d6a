/* calbook-sandbox-request.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "calbook-sandbox-db.h"

G_BEGIN_DECLS

typedef enum
{
  CALBOOK_SANDBOX_AUTH_NONE,
  CALBOOK_SANDBOX_AUTH_VALID,
  CALBOOK_SANDBOX_AUTH_INVALID_KEY,
  CALBOOK_SANDBOX_AUTH_INVALID_TOKEN,
} CalbookSandboxAuth;

/* One request being answered: what the route handlers need to read it and
 * to answer it in one of Cal.com's envelopes. Lives for one handler call. */
typedef struct
{
  SoupServerMessage        *msg;
  CalbookSandboxDb         *db;
  GRand                    *rand;
  const char               *method;
  char                     *path;
  char                     *url;
  GPtrArray                *params;    /* name, value, name, value, … */
  const char               *version;
  CalbookSandboxAuth        auth;
  const CalbookSandboxUser *user;
  gint64                    now_ms;
  gint64                    organization_id;
  guint32                   tie_salt;  /* 0: rows that tie in a list sort by id */
  gboolean                  no_admin_api; /* the organization lacks Admin API access */
} CalbookSandboxRequest;

CalbookSandboxRequest *calbook_sandbox_request_new          (SoupServerMessage      *msg,
                                                             CalbookSandboxDb       *db,
                                                             GRand                  *rand,
                                                             gint64                  now_ms,
                                                             gint64                  organization_id);
void                   calbook_sandbox_request_free         (CalbookSandboxRequest  *req);
const char            *calbook_sandbox_request_get_param    (CalbookSandboxRequest  *req,
                                                             const char             *name);
GPtrArray             *calbook_sandbox_request_get_params   (CalbookSandboxRequest  *req,
                                                             const char             *name);
JsonObject            *calbook_sandbox_request_parse_body   (CalbookSandboxRequest  *req);
gboolean               calbook_sandbox_request_require_auth (CalbookSandboxRequest  *req);
gboolean               calbook_sandbox_request_check_auth   (CalbookSandboxRequest  *req);
gboolean               calbook_sandbox_request_is_admin     (CalbookSandboxRequest  *req);

void calbook_sandbox_reply_json         (CalbookSandboxRequest *req,
                                         guint                  status,
                                         JsonNode              *root);
void calbook_sandbox_reply_success      (CalbookSandboxRequest *req,
                                         guint                  status,
                                         JsonNode              *data);
void calbook_sandbox_reply_error        (CalbookSandboxRequest *req,
                                         guint                  status,
                                         const char            *message);
void calbook_sandbox_reply_validation   (CalbookSandboxRequest *req,
                                         JsonArray             *errors);
void calbook_sandbox_reply_flat         (CalbookSandboxRequest *req,
                                         guint                  status,
                                         const char            *message);
void calbook_sandbox_reply_trpc         (CalbookSandboxRequest *req,
                                         guint                  status,
                                         const char            *message);
void calbook_sandbox_reply_no_route     (CalbookSandboxRequest *req);

JsonObject *calbook_sandbox_validation_error_new (const char *property,
                                                  const char *constraint,
                                                  const char *message);

const char *calbook_sandbox_exception_name (guint status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CalbookSandboxRequest, calbook_sandbox_request_free)

G_END_DECLS
