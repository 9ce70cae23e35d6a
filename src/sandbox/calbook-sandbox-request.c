/* calbook-sandbox-request.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "calbook-sandbox-json.h"
#include "calbook-sandbox-request.h"

#define MSG_NO_AUTH "ApiAuthStrategy - No authentication method provided. Either pass an API key as 'Bearer' header or OAuth client credentials as 'x-cal-secret-key' and 'x-cal-client-id' headers"
#define MSG_INVALID_KEY "ApiAuthStrategy - api key - Your api key is not valid"
#define MSG_INVALID_TOKEN "ApiAuthStrategy - Invalid Bearer token"

/* Auxiliary methods */

/* Keeps repeated parameters (`status=a&status=b`), which
 * soup_form_decode() would collapse. */
static GPtrArray *
parse_query (const char *query)
{
  GPtrArray *params = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) pairs = NULL;

  if (query == NULL || *query == '\0')
    return params;

  pairs = g_strsplit (query, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq;
      char *name;
      char *value;

      if (*pairs[i] == '\0')
        continue;

      g_strdelimit (pairs[i], "+", ' ');
      eq = strchr (pairs[i], '=');
      if (eq != NULL)
        *eq = '\0';

      name = g_uri_unescape_string (pairs[i], NULL);
      value = g_uri_unescape_string (eq != NULL ? eq + 1 : "", NULL);
      if (name == NULL || value == NULL ||
          !g_utf8_validate (name, -1, NULL) || !g_utf8_validate (value, -1, NULL))
        {
          /* Broken %-escapes: Express keeps such text as it is */
          g_free (name);
          g_free (value);
          name = g_strdup (pairs[i]);
          value = g_strdup (eq != NULL ? eq + 1 : "");
        }

      g_ptr_array_add (params, name);
      g_ptr_array_add (params, value);
    }

  return params;
}

static void
resolve_auth (CalbookSandboxRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  const char *token;

  req->auth = CALBOOK_SANDBOX_AUTH_NONE;
  if (value == NULL)
    return;

  if (g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    {
      req->auth = CALBOOK_SANDBOX_AUTH_INVALID_TOKEN;
      return;
    }

  token = value + 7;
  while (*token == ' ')
    token++;

  if (!g_str_has_prefix (token, "cal_"))
    {
      req->auth = CALBOOK_SANDBOX_AUTH_INVALID_TOKEN;
      return;
    }

  req->user = calbook_sandbox_db_find_user_by_key (req->db, token);
  req->auth = req->user != NULL ? CALBOOK_SANDBOX_AUTH_VALID : CALBOOK_SANDBOX_AUTH_INVALID_KEY;
}

static JsonNode *
build_error_envelope (CalbookSandboxRequest *req,
                      const char            *code,
                      const char            *message,
                      JsonNode              *details)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *timestamp = calbook_sandbox_format_time (req->now_ms);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "error");
  json_builder_set_member_name (builder, "timestamp");
  json_builder_add_string_value (builder, timestamp);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, req->url);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  if (details != NULL)
    {
      json_builder_set_member_name (builder, "details");
      json_builder_add_value (builder, details);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static const char *
reason_phrase (guint status)
{
  switch (status)
    {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    default: return "Internal Server Error";
    }
}

/* Public API */

const char *
calbook_sandbox_exception_name (guint status)
{
  switch (status)
    {
    case 400: return "BadRequestException";
    case 401: return "UnauthorizedException";
    case 403: return "ForbiddenException";
    case 404: return "NotFoundException";
    case 409: return "ConflictException";
    case 422: return "UnprocessableEntityException";
    case 429: return "ThrottlerException";
    default: return "InternalServerErrorException";
    }
}

CalbookSandboxRequest *
calbook_sandbox_request_new (SoupServerMessage *msg,
                             CalbookSandboxDb  *db,
                             GRand             *rand,
                             gint64             now_ms,
                             gint64             organization_id)
{
  CalbookSandboxRequest *req;
  GUri *uri;
  const char *query;
  const char *version;

  g_return_val_if_fail (SOUP_IS_SERVER_MESSAGE (msg), NULL);

  uri = soup_server_message_get_uri (msg);
  query = g_uri_get_query (uri);

  req = g_new0 (CalbookSandboxRequest, 1);
  req->msg = msg;
  req->db = db;
  req->rand = rand;
  req->now_ms = now_ms;
  req->organization_id = organization_id;
  req->method = soup_server_message_get_method (msg);
  /* Keep the escaped form when unescaping fails or yields invalid UTF-8,
   * so error messages that echo the path stay valid JSON */
  req->path = g_uri_unescape_string (g_uri_get_path (uri), NULL);
  if (req->path == NULL || !g_utf8_validate (req->path, -1, NULL))
    {
      g_free (req->path);
      req->path = g_utf8_make_valid (g_uri_get_path (uri), -1);
    }
  {
    g_autofree char *url = query != NULL ? g_strconcat (g_uri_get_path (uri), "?", query, NULL)
                                         : g_strdup (g_uri_get_path (uri));

    /* libsoup hands over %FF as a raw byte; errors echo the url in JSON */
    req->url = g_utf8_make_valid (url, -1);
  }
  req->params = parse_query (query);

  version = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                          "cal-api-version");
  req->version = version;

  resolve_auth (req);

  return req;
}

void
calbook_sandbox_request_free (CalbookSandboxRequest *req)
{
  if (req == NULL)
    return;

  g_free (req->path);
  g_free (req->url);
  g_ptr_array_unref (req->params);
  g_free (req);
}

const char *
calbook_sandbox_request_get_param (CalbookSandboxRequest *req,
                                   const char            *name)
{
  g_return_val_if_fail (req != NULL, NULL);

  for (guint i = 0; i + 1 < req->params->len; i += 2)
    if (g_str_equal (g_ptr_array_index (req->params, i), name))
      return g_ptr_array_index (req->params, i + 1);

  return NULL;
}

/**
 * calbook_sandbox_request_get_params:
 *
 * Returns: (transfer container): every value given for @name, in order
 */
GPtrArray *
calbook_sandbox_request_get_params (CalbookSandboxRequest *req,
                                    const char            *name)
{
  GPtrArray *values = g_ptr_array_new ();

  g_return_val_if_fail (req != NULL, values);

  for (guint i = 0; i + 1 < req->params->len; i += 2)
    if (g_str_equal (g_ptr_array_index (req->params, i), name))
      g_ptr_array_add (values, g_ptr_array_index (req->params, i + 1));

  return values;
}

/**
 * calbook_sandbox_request_parse_body:
 *
 * Returns: (transfer full) (nullable): the JSON object of the body (an empty
 *   object for an empty body), or %NULL after answering 400
 */
JsonObject *
calbook_sandbox_request_parse_body (CalbookSandboxRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonNode *root;

  if (length == 0)
    return json_object_new ();

  if (!g_utf8_validate (data, (gssize) length, NULL) ||
      !json_parser_load_from_data (parser, data, (gssize) length, &error))
    {
      /* Express' body parser answers a SyntaxError as a plain 400 */
      calbook_sandbox_reply_error (req, 400,
                                   error != NULL ? error->message : "Invalid UTF-8 in the request body");
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      calbook_sandbox_reply_error (req, 400, "The request body must be a JSON object");
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* Answers 401 unless a valid key came with the request. */
gboolean
calbook_sandbox_request_require_auth (CalbookSandboxRequest *req)
{
  switch (req->auth)
    {
    case CALBOOK_SANDBOX_AUTH_VALID:
      return TRUE;
    case CALBOOK_SANDBOX_AUTH_NONE:
      calbook_sandbox_reply_error (req, 401, MSG_NO_AUTH);
      return FALSE;
    case CALBOOK_SANDBOX_AUTH_INVALID_KEY:
      calbook_sandbox_reply_error (req, 401, MSG_INVALID_KEY);
      return FALSE;
    case CALBOOK_SANDBOX_AUTH_INVALID_TOKEN:
    default:
      calbook_sandbox_reply_error (req, 401, MSG_INVALID_TOKEN);
      return FALSE;
    }
}

/* For routes with optional auth: no credentials is fine, wrong ones are not. */
gboolean
calbook_sandbox_request_check_auth (CalbookSandboxRequest *req)
{
  if (req->auth == CALBOOK_SANDBOX_AUTH_NONE)
    return TRUE;

  return calbook_sandbox_request_require_auth (req);
}

gboolean
calbook_sandbox_request_is_admin (CalbookSandboxRequest *req)
{
  return req->user != NULL &&
         (g_str_equal (req->user->role, "ADMIN") || g_str_equal (req->user->role, "OWNER"));
}

void
calbook_sandbox_reply_json (CalbookSandboxRequest *req,
                            guint                  status,
                            JsonNode              *root)
{
  g_autofree char *text = json_to_string (root, FALSE);
  gsize length;

  calbook_sandbox_json_fix_numbers (text);
  length = strlen (text);

  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, "application/json; charset=utf-8",
                                    SOUP_MEMORY_TAKE, g_steal_pointer (&text), length);
}

/* Takes ownership of @data. */
void
calbook_sandbox_reply_success (CalbookSandboxRequest *req,
                               guint                  status,
                               JsonNode              *data)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "status", "success");
  json_object_set_member (object, "data", data);
  json_node_take_object (root, object);

  calbook_sandbox_reply_json (req, status, root);
}

/* Envelope (a): a NestJS HttpException built from a string. */
void
calbook_sandbox_reply_error (CalbookSandboxRequest *req,
                             guint                  status,
                             const char            *message)
{
  g_autoptr(JsonNode) root = NULL;
  JsonNode *details = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "message", message);
  json_object_set_string_member (object, "error", reason_phrase (status));
  json_object_set_int_member (object, "statusCode", status);
  json_node_take_object (details, object);

  root = build_error_envelope (req, calbook_sandbox_exception_name (status), message, details);
  calbook_sandbox_reply_json (req, status, root);
}

/* Envelope (b): the global ValidationPipe's BadRequestException({errors}). */
void
calbook_sandbox_reply_validation (CalbookSandboxRequest *req,
                                  JsonArray             *errors)
{
  g_autoptr(JsonNode) root = NULL;
  JsonNode *details = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_array_member (object, "errors", json_array_ref (errors));
  json_node_take_object (details, object);

  root = build_error_envelope (req, "BadRequestException", "Bad Request Exception", details);
  calbook_sandbox_reply_json (req, 400, root);
}

/* Envelope (f): an HttpError of Cal.com's shared booking code. */
void
calbook_sandbox_reply_flat (CalbookSandboxRequest *req,
                            guint                  status,
                            const char            *message)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "statusCode", status);
  json_object_set_string_member (object, "message", message);
  json_node_take_object (root, object);

  calbook_sandbox_reply_json (req, status, root);
}

/* Envelope (e): a TRPCError from the confirm handler. */
void
calbook_sandbox_reply_trpc (CalbookSandboxRequest *req,
                            guint                  status,
                            const char            *message)
{
  g_autoptr(JsonNode) root = build_error_envelope (req, "TRPCError", message, NULL);

  calbook_sandbox_reply_json (req, status, root);
}

void
calbook_sandbox_reply_no_route (CalbookSandboxRequest *req)
{
  g_autofree char *message = g_strdup_printf ("Cannot %s %s", req->method, req->url);

  calbook_sandbox_reply_error (req, 404, message);
}

/**
 * calbook_sandbox_validation_error_new:
 *
 * Returns: (transfer full): one class-validator ValidationError as the
 *   global pipe serializes it
 */
JsonObject *
calbook_sandbox_validation_error_new (const char *property,
                                      const char *constraint,
                                      const char *message)
{
  JsonObject *error = json_object_new ();
  JsonObject *constraints = json_object_new ();

  json_object_set_string_member (error, "property", property);
  json_object_set_array_member (error, "children", json_array_new ());
  json_object_set_string_member (constraints, constraint, message);
  json_object_set_object_member (error, "constraints", constraints);

  return error;
}
