/* calbook-api-client.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

/* The core library sets one domain for every file; requests get their own so
 * that G_MESSAGES_DEBUG=calbook-api shows exactly the HTTP traffic. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "calbook-api"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "calbook-api-client.h"
#include "calbook-error.h"
#include "calbook-json.h"

#define REQUEST_TIMEOUT_SECONDS 30
#define IDLE_TIMEOUT_SECONDS    60
#define BACKOFF_BASE_SECONDS    0.5
#define BACKOFF_CAP_SECONDS     8.0
#define MAX_SERVER_TEXT         400
#define MAX_FIELD_MESSAGES      8

typedef enum
{
  RESULT_OBJECT,
  RESULT_ARRAY,
  RESULT_NODE,
  RESULT_PAGE,
} ResultKind;

typedef struct
{
  const char *method;
  char       *path_and_query;
  const char *api_version;
  GBytes     *body;
  ResultKind  result_kind;
  gboolean    is_mutation;
  gboolean    slot_checked;
  char       *request_id;    /* X-Calbook-Request-Id, nullable */
  guint       take;
  guint       skip;
  gboolean    texts_only;   /* a page's items checked, not read into trees */
  guint       attempt;
  gint64      started_usec;
  GSource    *wait_source;
  GSource    *cancel_source;
} Request;

struct _CalbookApiClient
{
  GObject      parent_instance;

  char        *base_url;
  char        *host;
  char        *api_key;
  SoupSession *session;
  guint        max_retries;
  guint        max_rate_limit_wait;
};

G_DEFINE_FINAL_TYPE (CalbookApiClient, calbook_api_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_API_KEY,
  PROP_MAX_RETRIES,
  PROP_MAX_RATE_LIMIT_WAIT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void send_request (GTask *task);


/* Auxiliary methods */

static void
request_free (gpointer data)
{
  Request *request = data;

  g_assert (request->wait_source == NULL);
  g_assert (request->cancel_source == NULL);

  g_free (request->path_and_query);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->request_id, g_free);
  g_free (request);
}

static Request *
request_new (const char *method,
             char       *path_and_query,
             const char *api_version,
             ResultKind  result_kind)
{
  Request *request = g_new0 (Request, 1);

  request->method = method;
  request->path_and_query = path_and_query;
  request->api_version = api_version;
  request->result_kind = result_kind;

  return request;
}

/**
 * calbook_api_client_format_time:
 * @time: an instant, in any time zone
 *
 * Returns: (transfer full): @time as Cal.com wants it in queries and bodies
 */
char *
calbook_api_client_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  /* Cal.com wants UTC with milliseconds: 2026-11-23T09:00:00.000Z */
  utc = g_date_time_to_utc (time);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                          g_date_time_get_year (utc),
                          g_date_time_get_month (utc),
                          g_date_time_get_day_of_month (utc),
                          g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc),
                          g_date_time_get_second (utc),
                          g_date_time_get_microsecond (utc) / 1000);
}

static char *
format_unix_time (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);

  /* Out of GDateTime's range (before year 1 or after 9999) */
  if (time == NULL)
    return NULL;

  return calbook_api_client_format_time (time);
}

static void
append_param (GString    *query,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = NULL;

  g_assert (query != NULL);
  g_assert (name != NULL);

  if (value == NULL)
    return;

  escaped = g_uri_escape_string (value, ",:", FALSE);
  g_string_append_c (query, query->len == 0 ? '?' : '&');
  g_string_append (query, name);
  g_string_append_c (query, '=');
  g_string_append (query, escaped);
}

static void
append_uint_param (GString    *query,
                   const char *name,
                   guint64     value)
{
  char buffer[32];

  g_snprintf (buffer, sizeof buffer, "%" G_GUINT64_FORMAT, value);
  append_param (query, name, buffer);
}

static void
append_time_param (GString    *query,
                   const char *name,
                   gint64      seconds)
{
  g_autofree char *text = NULL;

  if (seconds == 0)
    return;

  text = format_unix_time (seconds);
  append_param (query, name, text);
}

static void
append_time_ms_param (GString    *query,
                      const char *name,
                      gint64      unix_ms)
{
  g_autoptr(GDateTime) seconds = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *text = NULL;

  if (unix_ms == 0)
    return;

  seconds = g_date_time_new_from_unix_utc (unix_ms / 1000);
  if (seconds == NULL)
    return;
  time = g_date_time_add (seconds, (unix_ms % 1000) * G_TIME_SPAN_MILLISECOND);
  if (time == NULL)
    return;

  text = calbook_api_client_format_time (time);
  append_param (query, name, text);
}

static guint
clamp_take (guint take)
{
  return CLAMP (take, 1, CALBOOK_API_MAX_TAKE);
}

static char *
make_booking_path (const char *uid,
                   const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (uid, NULL, FALSE);

  if (suffix == NULL)
    return g_strdup_printf ("/v2/bookings/%s", escaped);

  return g_strdup_printf ("/v2/bookings/%s/%s", escaped, suffix);
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Returns the normalized base URL if it is usable as the API root */
static char *
parse_base_url (const char  *base_url,
                char       **out_host,
                GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *trimmed = NULL;
  const char *scheme;
  const char *host;

  if (base_url == NULL || *base_url == '\0')
    {
      g_set_error_literal (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_URL,
                           _("Enter the address of the Cal.com server"));
      return NULL;
    }

  trimmed = calbook_api_client_normalize_base_url (base_url);

  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_URL,
                   _("“%s” is not a valid server address"), trimmed);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (host == NULL || *host == '\0')
    {
      g_set_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_URL,
                   _("“%s” is not a valid server address: it has no host name"), trimmed);
      return NULL;
    }

  /* Credentials in the URL would end up in logs and settings */
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_URL,
                           _("The server address must not contain a user name or password"));
      return NULL;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_URL,
                           _("The server address must not contain “?” or “#”"));
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "https") != 0 &&
      !(g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback_host (host)))
    {
      if (g_ascii_strcasecmp (scheme, "http") == 0)
        g_set_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_URL,
                     _("“%s” is not encrypted: use an https:// address "
                       "(http:// is only allowed for this computer)"), trimmed);
      else
        g_set_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_URL,
                     _("“%s” is not a valid server address: it must start with https://"),
                     trimmed);
      return NULL;
    }

  if (out_host != NULL)
    *out_host = g_strdup (host);

  return g_steal_pointer (&trimmed);
}

/* Text from the server goes into messages people read: keep it short and valid */
static char *
clean_server_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;
  guint n_chars = 0;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);

  for (p = valid; *p != '\0' && n_chars < MAX_SERVER_TEXT; p = g_utf8_next_char (p), n_chars++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  if (*p != '\0')
    g_string_append (out, "…");

  g_strstrip (out->str);
  out->len = strlen (out->str);

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

static void
add_field_message (GPtrArray  *messages,
                   const char *path,
                   const char *property,
                   const char *text)
{
  g_autofree char *clean = clean_server_text (text);
  const char *rest;

  if (clean == NULL || messages->len >= MAX_FIELD_MESSAGES)
    return;

  if (path == NULL || *path == '\0')
    {
      g_ptr_array_add (messages, g_steal_pointer (&clean));
      return;
    }

  /* class-validator says "take must not be greater than 250" */
  rest = clean;
  if (property != NULL && g_str_has_prefix (clean, property) && clean[strlen (property)] == ' ')
    rest = clean + strlen (property) + 1;

  g_ptr_array_add (messages, g_strdup_printf ("%s: %s", path, rest));
}

/* Walks class-validator ValidationError trees (envelope b) */
static void
collect_validation_errors (JsonArray  *errors,
                           const char *prefix,
                           GPtrArray  *messages,
                           guint       depth)
{
  guint n;

  if (errors == NULL || depth > 8)
    return;

  n = json_array_get_length (errors);
  for (guint i = 0; i < n && messages->len < MAX_FIELD_MESSAGES; i++)
    {
      JsonNode *node = json_array_get_element (errors, i);
      g_autofree char *path = NULL;
      const char *property;
      JsonObject *error_object;
      JsonObject *constraints;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          add_field_message (messages, prefix, NULL, json_node_get_string (node));
          continue;
        }

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      error_object = json_node_get_object (node);
      property = calbook_json_get_string (error_object, "property");

      if (property != NULL && prefix != NULL)
        path = g_strdup_printf ("%s.%s", prefix, property);
      else
        path = g_strdup (property != NULL ? property : prefix);

      constraints = calbook_json_get_object (error_object, "constraints");
      if (constraints != NULL)
        {
          g_autoptr(GList) members = json_object_get_members (constraints);

          for (const GList *l = members; l != NULL; l = l->next)
            add_field_message (messages, path, property,
                               calbook_json_get_string (constraints, l->data));
        }

      collect_validation_errors (calbook_json_get_array (error_object, "children"), path, messages,
                                 depth + 1);
    }
}

typedef struct
{
  char      *message;
  char      *code;
  GPtrArray *field_messages;
} ErrorBody;

static void
error_body_clear (ErrorBody *body)
{
  g_clear_pointer (&body->message, g_free);
  g_clear_pointer (&body->code, g_free);
  g_clear_pointer (&body->field_messages, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ErrorBody, error_body_clear)

static void
read_message_node (ErrorBody  *out,
                   JsonObject *object)
{
  JsonArray *array;
  const char *text;

  if (object == NULL)
    return;

  text = calbook_json_get_string (object, "message");
  if (text != NULL && out->message == NULL)
    out->message = clean_server_text (text);

  /* Nest's default validation pipe answers {"message": ["take must …"]} */
  array = calbook_json_get_array (object, "message");
  if (array != NULL)
    collect_validation_errors (array, NULL, out->field_messages, 0);
}

/*
 * Reads Cal.com's error envelopes (docs/calcom-behaviour.md §2.3) without trusting any of
 * them: (a) HttpException, (b) DTO validation inside (a), (c) Zod,
 * (e) TRPCError, (f) the flat {statusCode, message}.
 */
static void
parse_error_body (GBytes    *bytes,
                  ErrorBody *out)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *data;
  gsize size = 0;
  JsonNode *root;
  JsonObject *object;
  JsonObject *error_object;
  JsonObject *details;

  out->field_messages = g_ptr_array_new_with_free_func (g_free);

  if (bytes == NULL)
    return;

  data = g_bytes_get_data (bytes, &size);
  if (size == 0 || size > G_MAXSSIZE)
    return;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, size, NULL))
    return;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  object = json_node_get_object (root);
  error_object = calbook_json_get_object (object, "error");

  if (error_object != NULL)
    {
      const char *code = calbook_json_get_string (error_object, "code");

      out->code = clean_server_text (code);
      read_message_node (out, error_object);

      details = calbook_json_get_object (error_object, "details");
      if (details != NULL)
        {
          collect_validation_errors (calbook_json_get_array (details, "errors"), NULL,
                                     out->field_messages, 0);
          read_message_node (out, details);
        }
    }
  else
    {
      const char *text = calbook_json_get_string (object, "error");

      read_message_node (out, object);
      if (out->message == NULL && text != NULL)
        out->message = clean_server_text (text);
    }
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *h = NULL;
  g_autofree char *n = NULL;

  if (haystack == NULL)
    return FALSE;

  h = g_utf8_casefold (haystack, -1);
  n = g_utf8_casefold (needle, -1);
  return strstr (h, n) != NULL;
}

static gboolean
says_slot_unavailable (const char *message)
{
  return contains_casefold (message, "already has booking") ||
         contains_casefold (message, "not available") ||
         contains_casefold (message, "no more seats");
}

/* The 401 texts of Cal.com's authentication guard (API-NOTES §3.1): an
 * invalid, expired or missing key or token, or a self-hosted server whose
 * licence check refuses every key. No text at all can't be told apart, so
 * it counts as the key. */
static gboolean
says_key_rejected (const char *message)
{
  return message == NULL ||
         contains_casefold (message, "ApiAuthStrategy") ||
         contains_casefold (message, "api key") ||
         contains_casefold (message, "apikey") ||
         contains_casefold (message, "Bearer") ||
         contains_casefold (message, "access token") ||
         contains_casefold (message, "No authentication") ||
         contains_casefold (message, "LICENSE_KEY");
}

static gboolean
read_seconds_header (SoupMessageHeaders *headers,
                     const char         *name,
                     double             *out_seconds)
{
  const char *value = soup_message_headers_get_one (headers, name);
  char *end = NULL;
  double seconds;

  if (value == NULL)
    return FALSE;

  while (g_ascii_isspace (*value))
    value++;

  seconds = g_ascii_strtod (value, &end);
  if (end == value || !isfinite (seconds) || seconds < 0)
    return FALSE;

  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0')
    return FALSE;

  *out_seconds = seconds;
  return TRUE;
}

/*
 * Seconds until Cal.com lets this key in again. Each named limit has its
 * own headers (X-RateLimit-Reset-Default, -Booking_guests_add, …): the one
 * with nothing remaining is the one that refused; otherwise Default, and
 * failing that the longest reset given.
 */
static gboolean
get_rate_limit_reset (SoupMessageHeaders *headers,
                      double             *out_seconds)
{
  static const char remaining_prefix[] = "X-RateLimit-Remaining-";
  static const char reset_prefix[] = "X-RateLimit-Reset-";
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;
  gboolean found_exhausted = FALSE;
  gboolean found_any = FALSE;
  double exhausted = 0;
  double longest = 0;

  if (headers == NULL)
    return FALSE;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_autofree char *reset_name = NULL;
      double remaining;
      double seconds;

      if (g_ascii_strncasecmp (name, remaining_prefix, strlen (remaining_prefix)) != 0 ||
          !read_seconds_header (headers, name, &remaining) || remaining > 0)
        continue;

      reset_name = g_strconcat (reset_prefix, name + strlen (remaining_prefix), NULL);
      if (read_seconds_header (headers, reset_name, &seconds) && seconds >= exhausted)
        {
          exhausted = seconds;
          found_exhausted = TRUE;
        }
    }

  if (found_exhausted)
    {
      *out_seconds = exhausted;
      return TRUE;
    }

  if (read_seconds_header (headers, "X-RateLimit-Reset-Default", out_seconds))
    return TRUE;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      double seconds;

      if (g_ascii_strncasecmp (name, reset_prefix, strlen (reset_prefix)) != 0)
        continue;

      if (read_seconds_header (headers, name, &seconds) && seconds >= longest)
        {
          longest = seconds;
          found_any = TRUE;
        }
    }

  if (found_any)
    *out_seconds = longest;

  return found_any;
}

/* A server that echoes the Authorization header must not get the key into
 * a message or a log */
static char *
redact_key (CalbookApiClient *self,
            const char       *text)
{
  g_autoptr(GString) out = NULL;

  g_assert (CALBOOK_IS_API_CLIENT (self));

  if (text == NULL || self->api_key == NULL || *self->api_key == '\0' ||
      strstr (text, self->api_key) == NULL)
    return g_strdup (text);

  out = g_string_new (text);
  g_string_replace (out, self->api_key, "[redacted]", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GError *
redact_error (CalbookApiClient *self,
              GError           *error)
{
  char *clean;

  if (error == NULL)
    return NULL;

  clean = redact_key (self, error->message);
  g_free (error->message);
  error->message = clean;

  return error;
}

/*
 * The one place that turns an HTTP answer into a CALBOOK_API_ERROR. Returns
 * NULL for a 2xx answer.
 */
static GError *
map_http_error (CalbookApiClient   *self,
                const Request      *request,
                guint               status,
                SoupMessageHeaders *headers,
                GBytes             *body)
{
  g_auto(ErrorBody) error_body = { NULL, };
  const char *message;

  g_assert (CALBOOK_IS_API_CLIENT (self));
  g_assert (request != NULL);

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return NULL;

  parse_error_body (body, &error_body);
  message = error_body.message;

  /* Only a 401 about the key itself means the key is no good; Cal.com also
   * answers 401 for rules of one booking ("User not a host of this event"
   * on some seated cancels), which fail that request only */
  if (status == 498 || (status == 401 && says_key_rejected (message)))
    return g_error_new_literal (CALBOOK_API_ERROR, CALBOOK_API_ERROR_UNAUTHORIZED,
                                _("The API key was rejected — enter a new one"));

  if (status == 401)
    return g_error_new (CALBOOK_API_ERROR, CALBOOK_API_ERROR_FORBIDDEN,
                        _("You don't have permission to do this (Cal.com says: %s)"), message);

  if (status == 403)
    {
      if (contains_casefold (message, "IsAdminAPIEnabledGuard") ||
          contains_casefold (message, "Admin API access"))
        return g_error_new_literal (CALBOOK_API_ERROR, CALBOOK_API_ERROR_FORBIDDEN,
                                    _("This organization has no Admin API access"));

      if (message != NULL)
        return g_error_new (CALBOOK_API_ERROR, CALBOOK_API_ERROR_FORBIDDEN,
                            _("You don't have permission to do this (Cal.com says: %s)"),
                            message);

      return g_error_new_literal (CALBOOK_API_ERROR, CALBOOK_API_ERROR_FORBIDDEN,
                                  _("You don't have permission to do this"));
    }

  if (status == 404)
    {
      if (message != NULL)
        return g_error_new (CALBOOK_API_ERROR, CALBOOK_API_ERROR_NOT_FOUND,
                            _("Cal.com could not find this (%s)"), message);

      return g_error_new_literal (CALBOOK_API_ERROR, CALBOOK_API_ERROR_NOT_FOUND,
                                  _("Cal.com could not find this"));
    }

  if (status == 409 ||
      (status == 400 && request->slot_checked && says_slot_unavailable (message)))
    {
      if (request->slot_checked || says_slot_unavailable (message))
        return g_error_new_literal (CALBOOK_API_ERROR, CALBOOK_API_ERROR_CONFLICT,
                                    _("That time is no longer free — pick another slot"));

      return g_error_new (CALBOOK_API_ERROR, CALBOOK_API_ERROR_CONFLICT,
                          _("Cal.com reported a conflict: %s"),
                          message != NULL ? message : _("no details given"));
    }

  if (status == 429)
    {
      double seconds;

      if (get_rate_limit_reset (headers, &seconds))
        {
          guint whole = seconds >= G_MAXUINT ? G_MAXUINT : (guint) seconds;

          /* Round up: "try again in 0 seconds" would be wrong */
          if (whole < G_MAXUINT && (double) whole < seconds)
            whole++;
          whole = MAX (whole, 1);

          return g_error_new (CALBOOK_API_ERROR, CALBOOK_API_ERROR_RATE_LIMITED,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Cal.com is receiving too many requests from this "
                                           "key; try again in %u second",
                                           "Cal.com is receiving too many requests from this "
                                           "key; try again in %u seconds",
                                           whole),
                              whole);
        }

      return g_error_new_literal (CALBOOK_API_ERROR, CALBOOK_API_ERROR_RATE_LIMITED,
                                  _("Cal.com is receiving too many requests from this key; "
                                    "try again in a minute"));
    }

  if (status >= 500 || status == 408)
    return g_error_new (CALBOOK_API_ERROR, CALBOOK_API_ERROR_SERVER,
                        _("Cal.com had a problem (HTTP %u); try again later"), status);

  if (status == 400 && error_body.field_messages->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (error_body.field_messages, NULL);
      joined = g_strjoinv ("; ", (char **) error_body.field_messages->pdata);
      return g_error_new_literal (CALBOOK_API_ERROR, CALBOOK_API_ERROR_VALIDATION, joined);
    }

  if (status >= 400 && status < 500)
    {
      if (message != NULL)
        return g_error_new_literal (CALBOOK_API_ERROR, CALBOOK_API_ERROR_BAD_REQUEST, message);

      return g_error_new (CALBOOK_API_ERROR, CALBOOK_API_ERROR_BAD_REQUEST,
                          _("Cal.com rejected the request (HTTP %u)"), status);
    }

  /* 1xx and 3xx: redirects are not followed, so an API root that moved shows here */
  return g_error_new (CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_RESPONSE,
                      _("Cal.com sent an unexpected answer (HTTP %u)"), status);
}

/* Whether the request can not have reached the server */
static gboolean
failed_before_sending (const GError *error)
{
  return error->domain == G_RESOLVER_ERROR ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND);
}

/* The same one place, for failures below HTTP */
static GError *
map_transport_error (CalbookApiClient *self,
                     const GError     *error)
{
  g_assert (CALBOOK_IS_API_CLIENT (self));
  g_assert (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (error->domain == G_TLS_ERROR)
    {
      if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) ||
          g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_CERTIFICATE_REQUIRED))
        return g_error_new (CALBOOK_API_ERROR, CALBOOK_API_ERROR_TLS,
                            _("The certificate of %s isn't trusted, so Calbook did not "
                              "connect. Check the server address."), self->host);

      return g_error_new (CALBOOK_API_ERROR, CALBOOK_API_ERROR_TLS,
                          _("Could not set up a secure connection to %s: %s"),
                          self->host, error->message);
    }

  if (error->domain == SOUP_SESSION_ERROR)
    {
      if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING) ||
          g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_ENCODING) ||
          g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS) ||
          g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_REDIRECT_BAD_URI))
        return g_error_new (CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_RESPONSE,
                            _("%s sent an answer that is not HTTP: %s"),
                            self->host, error->message);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (CALBOOK_API_ERROR, CALBOOK_API_ERROR_NETWORK,
                        _("%s did not answer in time; check your connection"), self->host);

  return g_error_new (CALBOOK_API_ERROR, CALBOOK_API_ERROR_NETWORK,
                      _("Could not reach %s: %s"), self->host, error->message);
}

static GError *
invalid_response (const char *detail)
{
  return g_error_new (CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_RESPONSE,
                      _("Cal.com sent an answer Calbook does not understand (%s)"), detail);
}

static void
unreadable_free (gpointer data)
{
  CalbookApiUnreadable *item = data;

  g_free (item->text);
  g_free (item->reason);
  g_free (item);
}

/* Whether only white space and one comma stand between the items, so that
 * cutting them out leaves the envelope and nothing else */
static gboolean
spans_are_adjacent (const char *data,
                    GArray     *spans)
{
  for (guint i = 1; i < spans->len; i++)
    {
      const CalbookJsonSpan *before = &g_array_index (spans, CalbookJsonSpan, i - 1);
      const CalbookJsonSpan *after = &g_array_index (spans, CalbookJsonSpan, i);
      guint n_commas = 0;

      for (gsize j = before->offset + before->length; j < after->offset; j++)
        {
          if (data[j] == ',')
            n_commas++;
          else if (!g_ascii_isspace (data[j]))
            return FALSE;
        }

      if (n_commas != 1)
        return FALSE;
    }

  return TRUE;
}

/*
 * Reads a list answer item by item: the scanner finds where each item is
 * (a cut answer fails there), the envelope is read with the items left
 * out, and each item is read on its own. So an item that is not JSON costs
 * that item only, each item keeps its text as it came, and no item is
 * read twice.
 */
static JsonNode *
read_page (const char  *data,
           gsize        size,
           gboolean     texts_only,
           GPtrArray  **out_items,
           GPtrArray  **out_texts,
           GPtrArray  **out_unreadable,
           GError     **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (CalbookJsonSpan));
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root = NULL;

  if (!calbook_json_find_items (data, size, "data", spans, error))
    return NULL;

  items = g_ptr_array_new_full (spans->len, (GDestroyNotify) json_object_unref);
  texts = g_ptr_array_new_full (spans->len, g_free);
  unreadable = g_ptr_array_new_with_free_func (unreadable_free);

  if (spans->len > 0 && spans_are_adjacent (data, spans))
    {
      const CalbookJsonSpan *first = &g_array_index (spans, CalbookJsonSpan, 0);
      const CalbookJsonSpan *last = &g_array_index (spans, CalbookJsonSpan, spans->len - 1);
      g_autoptr(GString) envelope = g_string_new_len (data, first->offset);

      g_string_append_len (envelope, data + last->offset + last->length,
                           size - (last->offset + last->length));
      root = calbook_json_parse (envelope->str, envelope->len, NULL);
    }

  /* No items, or other values around them: the whole text is the envelope */
  if (root == NULL)
    {
      root = calbook_json_parse (data, size, error);
      if (root == NULL)
        return NULL;
      /* Its list holds the items too: keep only the values that are not
       * objects, as the envelope above would have */
      if (spans->len > 0 && JSON_NODE_HOLDS_OBJECT (root))
        {
          g_autoptr(JsonObject) envelope = json_object_new ();
          JsonObjectIter iter;
          const char *name;
          JsonNode *member;

          json_object_iter_init_ordered (&iter, json_node_get_object (root));
          while (json_object_iter_next_ordered (&iter, &name, &member))
            {
              if (g_str_equal (name, "data") && JSON_NODE_HOLDS_ARRAY (member))
                {
                  JsonArray *array = json_node_get_array (member);
                  JsonArray *others = json_array_new ();

                  for (guint i = 0; i < json_array_get_length (array); i++)
                    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
                      json_array_add_null_element (others);
                  json_object_set_array_member (envelope, name, others);
                }
              else
                {
                  json_object_set_member (envelope, name, json_node_copy (member));
                }
            }

          json_node_unref (root);
          root = json_node_init_object (json_node_alloc (), envelope);
        }
    }

  for (guint i = 0; i < spans->len; i++)
    {
      const CalbookJsonSpan *span = &g_array_index (spans, CalbookJsonSpan, i);
      const char *text = data + span->offset;
      JsonNode *item = NULL;

      g_clear_error (&local_error);

      /* The scanner found an object here: checked, it is one */
      if (texts_only)
        {
          if (calbook_json_check (text, span->length, &local_error))
            {
              g_ptr_array_add (texts, g_strndup (text, span->length));
              continue;
            }
        }
      else
        {
          item = calbook_json_parse (text, span->length, &local_error);
        }

      if (item != NULL && JSON_NODE_HOLDS_OBJECT (item))
        {
          g_ptr_array_add (items, json_object_ref (json_node_get_object (item)));
          g_ptr_array_add (texts, g_strndup (text, span->length));
        }
      else
        {
          CalbookApiUnreadable *bad = g_new0 (CalbookApiUnreadable, 1);

          bad->text = g_utf8_make_valid (text, span->length);
          bad->reason = g_utf8_make_valid (local_error != NULL ? local_error->message : "", -1);
          g_ptr_array_add (unreadable, bad);
        }
      g_clear_pointer (&item, json_node_unref);
    }

  *out_items = g_steal_pointer (&items);
  *out_texts = g_steal_pointer (&texts);
  *out_unreadable = g_steal_pointer (&unreadable);
  return root;
}

/* Checks and strips the success envelope and returns the task's result;
 * or returns an error (and leaves the task alone) when the answer can't be
 * read, which is worth asking again for a read */
static GError *
return_success (GTask   *task,
                GBytes  *body)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(GPtrArray) page_items = NULL;
  g_autoptr(GPtrArray) page_texts = NULL;
  g_autoptr(GPtrArray) page_unreadable = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char *data = NULL;
  const char *status;
  gsize size = 0;
  JsonNode *data_node;
  JsonObject *object;

  if (body != NULL)
    data = g_bytes_get_data (body, &size);

  if (data == NULL || size == 0 || size > G_MAXSSIZE)
    return invalid_response (_("the answer was empty"));

  if (request->result_kind == RESULT_PAGE)
    root = read_page (data, size, request->texts_only, &page_items, &page_texts,
                      &page_unreadable, &error);
  else
    root = calbook_json_parse (data, size, &error);

  if (root == NULL)
    {
      g_debug ("Unparseable answer to %s %s: %s",
               request->method, request->path_and_query, error->message);
      return invalid_response (_("not JSON"));
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return invalid_response (_("not a JSON object"));

  object = json_node_get_object (root);
  status = calbook_json_get_string (object, "status");
  if (g_strcmp0 (status, "success") != 0)
    return invalid_response (_("the status is not “success”"));

  data_node = json_object_get_member (object, "data");
  if (data_node == NULL)
    return invalid_response (_("no data"));

  switch (request->result_kind)
    {
    case RESULT_OBJECT:
      if (!JSON_NODE_HOLDS_OBJECT (data_node))
        return invalid_response (_("data is not an object"));
      g_task_return_pointer (task, json_object_ref (json_node_get_object (data_node)),
                             (GDestroyNotify) json_object_unref);
      return NULL;

    case RESULT_ARRAY:
      if (!JSON_NODE_HOLDS_ARRAY (data_node))
        return invalid_response (_("data is not a list"));
      g_task_return_pointer (task, json_array_ref (json_node_get_array (data_node)),
                             (GDestroyNotify) json_array_unref);
      return NULL;

    case RESULT_NODE:
      if (!JSON_NODE_HOLDS_OBJECT (data_node) && !JSON_NODE_HOLDS_ARRAY (data_node))
        return invalid_response (_("data is neither an object nor a list"));
      g_task_return_pointer (task, json_node_copy (data_node), (GDestroyNotify) json_node_unref);
      return NULL;

    case RESULT_PAGE:
      {
        g_autoptr(CalbookApiPage) page = NULL;
        JsonObject *pagination;
        guint n_others;
        guint n_items;

        if (!JSON_NODE_HOLDS_ARRAY (data_node))
          return invalid_response (_("data is not a list"));

        /* The items were cut out of the envelope; what is left in its list
         * are values that are not objects */
        n_others = json_array_get_length (json_node_get_array (data_node));
        if (n_others > 0)
          g_warning ("%s %s: skipped %u list items that are not objects",
                     request->method, request->path_and_query, n_others);

        n_items = page_texts->len + page_unreadable->len + n_others;

        page = g_new0 (CalbookApiPage, 1);
        page->items = g_steal_pointer (&page_items);
        page->texts = g_steal_pointer (&page_texts);
        page->unreadable = g_steal_pointer (&page_unreadable);

        pagination = calbook_json_get_object (object, "pagination");

        /* Without pagination, a full page may have a successor: asking once
         * more costs one request, stopping early would lose bookings. */
        if (!calbook_json_get_boolean (pagination, "hasNextPage", &page->has_next_page))
          page->has_next_page = n_items >= request->take;

        /* An empty page that claims a successor would make a sync page forever */
        if (n_items == 0)
          page->has_next_page = FALSE;

        if (!calbook_json_get_uint (pagination, "totalItems", &page->total_items))
          page->total_items = request->skip + n_items + (page->has_next_page ? 1 : 0);

        g_task_return_pointer (task, g_steal_pointer (&page),
                               (GDestroyNotify) calbook_api_page_free);
        return NULL;
      }

    default:
      g_assert_not_reached ();
    }
}

static void
clear_wait_sources (Request *request)
{
  if (request->wait_source != NULL)
    {
      g_source_destroy (request->wait_source);
      g_clear_pointer (&request->wait_source, g_source_unref);
    }

  if (request->cancel_source != NULL)
    {
      g_source_destroy (request->cancel_source);
      g_clear_pointer (&request->cancel_source, g_source_unref);
    }
}

static double
backoff_delay (guint attempt)
{
  double ceiling = BACKOFF_BASE_SECONDS * (double) (1u << MIN (attempt, 16));

  ceiling = MIN (ceiling, BACKOFF_CAP_SECONDS);

  /* Full jitter: clients that failed together do not retry together */
  return g_random_double_range (0, ceiling);
}


/* Callbacks */

static gboolean
on_retry_wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  clear_wait_sources (request);
  send_request (task);

  return G_SOURCE_REMOVE;
}

static gboolean
on_retry_wait_cancelled_cb (GCancellable *cancellable,
                            gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  clear_wait_sources (request);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                           _("The request was cancelled"));

  return G_SOURCE_REMOVE;
}

static void
schedule_retry (GTask  *task,
                double  seconds)
{
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);

  g_assert (request->wait_source == NULL);

  request->wait_source = g_timeout_source_new ((guint) MIN (seconds * 1000.0, G_MAXUINT));
  g_source_set_name (request->wait_source, "[calbook] API retry wait");
  g_source_set_callback (request->wait_source, on_retry_wait_done_cb,
                         g_object_ref (task), g_object_unref);
  g_source_attach (request->wait_source, context);

  if (cancellable != NULL)
    {
      request->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (request->cancel_source, G_SOURCE_FUNC (on_retry_wait_cancelled_cb),
                             g_object_ref (task), g_object_unref);
      g_source_attach (request->cancel_source, context);
    }
}

static void
on_session_send_and_read_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) send_error = NULL;
  g_autoptr(GError) error = NULL;
  CalbookApiClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessage *message = g_object_get_data (G_OBJECT (task), "calbook-message");
  SoupMessageHeaders *headers = NULL;
  const char *request_id = NULL;
  gboolean retry = FALSE;
  double delay = 0;
  guint status = 0;
  gint64 elapsed_ms;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &send_error);
  elapsed_ms = (g_get_monotonic_time () - request->started_usec) / 1000;

  if (send_error == NULL)
    {
      status = soup_message_get_status (message);
      headers = soup_message_get_response_headers (message);
      request_id = soup_message_headers_get_one (headers, "X-Request-Id");
    }

  if (send_error != NULL)
    {
      g_autofree char *text = redact_key (self, send_error->message);

      g_debug ("%s %s failed after %" G_GINT64_FORMAT " ms (attempt %u): %s",
               request->method, request->path_and_query, elapsed_ms,
               request->attempt + 1, text);
    }
  else
    {
      g_autofree char *id_text = redact_key (self, request_id != NULL ? request_id : "none");

      g_debug ("%s %s -> %u in %" G_GINT64_FORMAT " ms (X-Request-Id %s, attempt %u)",
               request->method, request->path_and_query, status, elapsed_ms, id_text,
               request->attempt + 1);
    }

  if (send_error != NULL)
    {
      if (g_error_matches (send_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&send_error));
          return;
        }

      error = redact_error (self, map_transport_error (self, send_error));

      if (g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_NETWORK))
        {
          /* A POST that may have reached Cal.com is never sent twice here:
           * the outbox and the create's request id take care of it. */
          retry = !request->is_mutation || failed_before_sending (send_error);
          delay = backoff_delay (request->attempt);
        }
    }
  else if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      error = return_success (task, body);
      if (error == NULL)
        return;

      /* A cut or garbled answer (a proxy, a dropped connection, a 200
       * carrying an error) is a passing failure: a read is asked again.
       * A change is not: Cal.com may have made it. */
      retry = !request->is_mutation;
      delay = backoff_delay (request->attempt);
    }
  else
    {
      error = redact_error (self, map_http_error (self, request, status, headers, body));

      if (status == 429)
        {
          double reset;

          /* Cal.com refused before acting, so even a mutation may go again */
          if (get_rate_limit_reset (headers, &reset))
            {
              retry = reset <= self->max_rate_limit_wait;
              delay = MAX (reset, 0.1) + g_random_double_range (0, 0.25);
            }
          else
            {
              retry = TRUE;
              delay = backoff_delay (request->attempt);
            }
        }
      else if (status >= 500 || status == 408)
        {
          retry = !request->is_mutation;
          delay = backoff_delay (request->attempt);
        }
    }

  if (retry && request->attempt < self->max_retries)
    {
      g_debug ("%s %s: retry %u of %u in %.0f ms (%s)",
               request->method, request->path_and_query, request->attempt + 1,
               self->max_retries, delay * 1000, error->message);
      request->attempt++;
      schedule_retry (task, delay);
      return;
    }

  /* Trouble with the connection or the server is logged without
   * G_MESSAGES_DEBUG, with Cal.com's correlation id, so that a failure a
   * person reports can be traced. Answers such as 403 or 404 are expected
   * (the admin probe, a booking deleted elsewhere) and stay at debug level. */
  {
    g_autofree char *id_text = redact_key (self, request_id != NULL ? request_id : "none");
    GLogLevelFlags level = G_LOG_LEVEL_DEBUG;

    if (calbook_api_error_is_transient (error) ||
        g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_TLS) ||
        g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_RESPONSE))
      level = G_LOG_LEVEL_MESSAGE;

    g_log (G_LOG_DOMAIN, level, "%s %s failed: %s (X-Request-Id %s, %u attempts)",
           request->method, request->path_and_query, error->message, id_text,
           request->attempt + 1);
  }
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
send_request (GTask *task)
{
  CalbookApiClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *url = NULL;
  SoupMessageHeaders *headers;
  SoupMessageFlags flags;

  g_assert (G_IS_TASK (task));

  if (g_task_return_error_if_cancelled (task))
    return;

  url = g_strconcat (self->base_url, request->path_and_query, NULL);
  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL)
    {
      g_task_return_new_error (task, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_URL,
                               _("Could not build a request address: %s"), error->message);
      return;
    }

  message = soup_message_new_from_uri (request->method, uri);
  headers = soup_message_get_request_headers (message);

  authorization = g_strconcat ("Bearer ", self->api_key, NULL);
  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (request->api_version != NULL)
    soup_message_headers_replace (headers, "cal-api-version", request->api_version);
  /* Cal.com ignores it; logs (and the sandbox) tell one change's attempts by it */
  if (request->request_id != NULL)
    soup_message_headers_replace (headers, "X-Calbook-Request-Id", request->request_id);

  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (message, "application/json", request->body);

  /* Redirects are not followed: a POST turned into a GET, or the key sent to
   * another host, is worse than an error. A mutation gets a fresh
   * connection, so a failure can never be a stale keep-alive socket. */
  flags = SOUP_MESSAGE_NO_REDIRECT;
  if (request->is_mutation)
    flags |= SOUP_MESSAGE_NEW_CONNECTION;
  soup_message_set_flags (message, flags);

  g_object_set_data_full (G_OBJECT (task), "calbook-message",
                          g_object_ref (message), g_object_unref);

  request->started_usec = g_get_monotonic_time ();

  g_main_context_push_thread_default (g_task_get_context (task));
  soup_session_send_and_read_async (self->session,
                                    message,
                                    G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task),
                                    on_session_send_and_read_cb,
                                    g_object_ref (task));
  g_main_context_pop_thread_default (g_task_get_context (task));
}

static void
start_request (CalbookApiClient    *self,
               Request             *request,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_assert (CALBOOK_IS_API_CLIENT (self));
  g_assert (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, request_free);

  if (self->base_url == NULL)
    {
      g_task_return_new_error (task, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_URL,
                               _("No valid Cal.com server address is set"));
      return;
    }

  send_request (task);
}

static gpointer
finish_request (CalbookApiClient  *self,
                GAsyncResult      *result,
                gpointer           source_tag,
                GError           **error)
{
  g_return_val_if_fail (CALBOOK_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GBytes *
serialize_body (JsonObject *body)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  gsize length = 0;
  char *text;

  json_node_set_object (node, body);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);

  return g_bytes_new_take (text, length);
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}


/* GObject overrides */

static void
calbook_api_client_constructed (GObject *object)
{
  CalbookApiClient *self = (CalbookApiClient *)object;
  g_autoptr(GError) error = NULL;
  g_autofree char *user_agent = g_strdup_printf ("Calbook/%s", PACKAGE_VERSION);
  g_autofree char *normalized = NULL;

  G_OBJECT_CLASS (calbook_api_client_parent_class)->constructed (object);

  normalized = parse_base_url (self->base_url, &self->host, &error);
  if (normalized == NULL)
    g_warning ("Unusable base URL: %s", error->message);
  g_free (self->base_url);
  self->base_url = g_steal_pointer (&normalized);

  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", REQUEST_TIMEOUT_SECONDS,
                                                 "idle-timeout", IDLE_TIMEOUT_SECONDS,
                                                 NULL);

  /* The sandbox on this computer is never reached through a proxy */
  if (is_loopback_host (self->host))
    soup_session_set_proxy_resolver (self->session, NULL);
}

static void
calbook_api_client_finalize (GObject *object)
{
  CalbookApiClient *self = (CalbookApiClient *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->host, g_free);
  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_clear_pointer (&self->api_key, g_free);

  G_OBJECT_CLASS (calbook_api_client_parent_class)->finalize (object);
}

static void
calbook_api_client_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CalbookApiClient *self = CALBOOK_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_MAX_RETRIES:
      g_value_set_uint (value, self->max_retries);
      break;

    case PROP_MAX_RATE_LIMIT_WAIT:
      g_value_set_uint (value, self->max_rate_limit_wait);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_api_client_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CalbookApiClient *self = CALBOOK_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_free (self->base_url);
      self->base_url = g_value_dup_string (value);
      break;

    case PROP_API_KEY:
      g_free (self->api_key);
      self->api_key = g_value_dup_string (value);
      break;

    case PROP_MAX_RETRIES:
      if (self->max_retries != g_value_get_uint (value))
        {
          self->max_retries = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_MAX_RATE_LIMIT_WAIT:
      if (self->max_rate_limit_wait != g_value_get_uint (value))
        {
          self->max_rate_limit_wait = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_api_client_class_init (CalbookApiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = calbook_api_client_constructed;
  object_class->finalize = calbook_api_client_finalize;
  object_class->get_property = calbook_api_client_get_property;
  object_class->set_property = calbook_api_client_set_property;

  /**
   * CalbookApiClient:base-url:
   *
   * The API root without /v2, e.g. https://api.cal.com. Normalized on
   * construction; %NULL when the given address was unusable.
   */
  properties [PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * CalbookApiClient:api-key:
   *
   * The Cal.com API key. Write-only: it can not be read back, and it is
   * never logged.
   */
  properties [PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL,
                         NULL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * CalbookApiClient:max-retries:
   *
   * How many times a failed request is sent again (see the retry rules in
   * calbook_api_client_mutate_booking_async()).
   */
  properties [PROP_MAX_RETRIES] =
    g_param_spec_uint ("max-retries", NULL, NULL,
                       0, 20, 3,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * CalbookApiClient:max-rate-limit-wait:
   *
   * The longest wait, in seconds, for a rate limit to reset before the
   * request fails with %CALBOOK_API_ERROR_RATE_LIMITED.
   */
  properties [PROP_MAX_RATE_LIMIT_WAIT] =
    g_param_spec_uint ("max-rate-limit-wait", NULL, NULL,
                       0, 3600, 60,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
calbook_api_client_init (CalbookApiClient *self)
{
  self->max_retries = 3;
  self->max_rate_limit_wait = 60;
}


/* Public API */

/**
 * calbook_api_page_free:
 * @page: (transfer full): a page
 *
 * Frees @page and its items.
 */
void
calbook_api_page_free (CalbookApiPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_clear_pointer (&page->texts, g_ptr_array_unref);
  g_clear_pointer (&page->unreadable, g_ptr_array_unref);
  g_free (page);
}

/**
 * calbook_api_client_normalize_base_url:
 * @base_url: an API root as typed, e.g. " https://api.cal.com/v2/ "
 *
 * Writes @base_url the one way the API client, the account and the secret
 * store keep it, so that an address typed with or without a final "/" or
 * "/v2" finds the same keyring item, profile and settings: surrounding
 * white space, final slashes and one final "/v2" are removed. It does not
 * check that the address is usable; see
 * calbook_api_client_validate_base_url().
 *
 * Returns: (transfer full): the normalized address
 */
char *
calbook_api_client_normalize_base_url (const char *base_url)
{
  g_autofree char *stripped = NULL;
  gsize len;

  g_return_val_if_fail (base_url != NULL, NULL);

  stripped = g_strstrip (g_strdup (base_url));
  len = strlen (stripped);
  while (len > 0 && stripped[len - 1] == '/')
    stripped[--len] = '\0';
  if (len >= 3 && g_ascii_strcasecmp (stripped + len - 3, "/v2") == 0)
    {
      len -= 3;
      stripped[len] = '\0';
    }
  while (len > 0 && stripped[len - 1] == '/')
    stripped[--len] = '\0';

  return g_steal_pointer (&stripped);
}

/**
 * calbook_api_client_validate_base_url:
 * @base_url: an address typed by a person or read from the settings
 * @error: return location for a %CALBOOK_API_ERROR_INVALID_URL error
 *
 * Checks that @base_url can be used as the API root: https://, or http://
 * to this computer (127.0.0.0/8, ::1, localhost). A trailing "/" or "/v2"
 * is accepted.
 *
 * Returns: %TRUE if the address is usable
 */
gboolean
calbook_api_client_validate_base_url (const char  *base_url,
                                      GError     **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  normalized = parse_base_url (base_url, NULL, error);
  return normalized != NULL;
}

/**
 * calbook_api_client_new:
 * @base_url: the API root, e.g. https://api.cal.com (a trailing /v2 is removed)
 * @api_key: the Cal.com API key
 * @error: return location for a #CALBOOK_API_ERROR
 *
 * Returns: (transfer full) (nullable): a new client, or %NULL if @base_url
 *   is not usable or @api_key can not be sent in an HTTP header
 */
CalbookApiClient *
calbook_api_client_new (const char  *base_url,
                        const char  *api_key,
                        GError     **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (api_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  normalized = parse_base_url (base_url, NULL, error);
  if (normalized == NULL)
    return NULL;

  /* A pasted key with a line break or a space would be cut off or, worse,
   * start a new header */
  for (const char *p = api_key; *p != '\0'; p++)
    {
      if (!g_ascii_isgraph (*p))
        {
          g_set_error_literal (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_UNAUTHORIZED,
                               _("The API key contains spaces or invisible characters — "
                                 "enter it again"));
          return NULL;
        }
    }

  if (*api_key == '\0')
    {
      g_set_error_literal (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_UNAUTHORIZED,
                           _("Enter an API key"));
      return NULL;
    }

  return g_object_new (CALBOOK_TYPE_API_CLIENT,
                       "base-url", normalized,
                       "api-key", api_key,
                       NULL);
}

/**
 * calbook_api_client_get_base_url:
 * @self: a #CalbookApiClient
 *
 * Returns: (nullable): the normalized API root, without /v2
 */
const char *
calbook_api_client_get_base_url (CalbookApiClient *self)
{
  g_return_val_if_fail (CALBOOK_IS_API_CLIENT (self), NULL);

  return self->base_url;
}

/**
 * calbook_api_client_get_me_async:
 * @self: a #CalbookApiClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the request is done
 * @user_data: data for @callback
 *
 * GET /v2/me: the profile of the key's owner.
 */
void
calbook_api_client_get_me_async (CalbookApiClient    *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CALBOOK_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_request (self,
                 request_new (SOUP_METHOD_GET, g_strdup ("/v2/me"), NULL, RESULT_OBJECT),
                 calbook_api_client_get_me_async,
                 cancellable, callback, user_data);
}

/**
 * calbook_api_client_get_me_finish:
 * @self: a #CalbookApiClient
 * @result: the #GAsyncResult
 * @error: return location for a #CALBOOK_API_ERROR
 *
 * Returns: (transfer full): the `data` object of /v2/me
 */
JsonObject *
calbook_api_client_get_me_finish (CalbookApiClient  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  return finish_request (self, result, calbook_api_client_get_me_async, error);
}

/**
 * calbook_api_client_list_memberships_async:
 * @self: a #CalbookApiClient
 * @org_id: the organization id from /v2/me
 * @take: page size (clamped to 1..%CALBOOK_API_MAX_TAKE)
 * @skip: offset
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the request is done
 * @user_data: data for @callback
 *
 * GET /v2/organizations/{org_id}/memberships, one page. Only organization
 * admins may ask; others get %CALBOOK_API_ERROR_FORBIDDEN.
 */
void
calbook_api_client_list_memberships_async (CalbookApiClient    *self,
                                           gint64               org_id,
                                           guint                take,
                                           guint                skip,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GString) path = NULL;
  g_autofree char *prefix = NULL;
  Request *request;

  g_return_if_fail (CALBOOK_IS_API_CLIENT (self));
  g_return_if_fail (org_id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  take = clamp_take (take);

  path = g_string_new (NULL);
  append_uint_param (path, "take", take);
  append_uint_param (path, "skip", skip);
  prefix = g_strdup_printf ("/v2/organizations/%" G_GINT64_FORMAT "/memberships", org_id);
  g_string_prepend (path, prefix);

  request = request_new (SOUP_METHOD_GET, g_string_free (g_steal_pointer (&path), FALSE),
                         NULL, RESULT_PAGE);
  request->take = take;
  request->skip = skip;

  start_request (self, request, calbook_api_client_list_memberships_async,
                 cancellable, callback, user_data);
}

/**
 * calbook_api_client_list_memberships_finish:
 * @self: a #CalbookApiClient
 * @result: the #GAsyncResult
 * @error: return location for a #CALBOOK_API_ERROR
 *
 * Returns: (transfer full): the page of memberships
 */
CalbookApiPage *
calbook_api_client_list_memberships_finish (CalbookApiClient  *self,
                                            GAsyncResult      *result,
                                            GError           **error)
{
  return finish_request (self, result, calbook_api_client_list_memberships_async, error);
}

/**
 * calbook_api_client_list_event_types_async:
 * @self: a #CalbookApiClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the request is done
 * @user_data: data for @callback
 *
 * GET /v2/event-types: the key owner's event types, hidden ones included.
 */
void
calbook_api_client_list_event_types_async (CalbookApiClient    *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (CALBOOK_IS_API_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_request (self,
                 request_new (SOUP_METHOD_GET, g_strdup ("/v2/event-types"),
                              CALBOOK_API_VERSION_EVENT_TYPES, RESULT_ARRAY),
                 calbook_api_client_list_event_types_async,
                 cancellable, callback, user_data);
}

/**
 * calbook_api_client_list_event_types_finish:
 * @self: a #CalbookApiClient
 * @result: the #GAsyncResult
 * @error: return location for a #CALBOOK_API_ERROR
 *
 * Returns: (transfer full): the `data` array of event types
 */
JsonArray *
calbook_api_client_list_event_types_finish (CalbookApiClient  *self,
                                            GAsyncResult      *result,
                                            GError           **error)
{
  return finish_request (self, result, calbook_api_client_list_event_types_async, error);
}

/**
 * calbook_api_client_list_user_event_types_async:
 * @self: a #CalbookApiClient
 * @username: whose event types
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the request is done
 * @user_data: data for @callback
 *
 * GET /v2/event-types?username=: another user's event types, as an
 * organization's admin reads its members'.
 */
void
calbook_api_client_list_user_event_types_async (CalbookApiClient    *self,
                                                const char          *username,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_autoptr(GString) path = NULL;

  g_return_if_fail (CALBOOK_IS_API_CLIENT (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  path = g_string_new (NULL);
  append_param (path, "username", username);
  g_string_prepend (path, "/v2/event-types");
  start_request (self,
                 request_new (SOUP_METHOD_GET, g_string_free (g_steal_pointer (&path), FALSE),
                              CALBOOK_API_VERSION_EVENT_TYPES, RESULT_ARRAY),
                 calbook_api_client_list_user_event_types_async,
                 cancellable, callback, user_data);
}

/**
 * calbook_api_client_list_user_event_types_finish:
 * @self: a #CalbookApiClient
 * @result: the #GAsyncResult
 * @error: return location for a #CALBOOK_API_ERROR
 *
 * Returns: (transfer full): the `data` array of event types
 */
JsonArray *
calbook_api_client_list_user_event_types_finish (CalbookApiClient  *self,
                                                 GAsyncResult      *result,
                                                 GError           **error)
{
  return finish_request (self, result, calbook_api_client_list_user_event_types_async, error);
}

/**
 * calbook_api_client_get_slots_async:
 * @self: a #CalbookApiClient
 * @event_type_id: the event type to book
 * @start: first moment to look at
 * @end: last moment to look at
 * @time_zone: (nullable): IANA zone for the offsets in the answer
 * @booking_uid_to_reschedule: (nullable): a booking whose own slot counts as free
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the request is done
 * @user_data: data for @callback
 *
 * GET /v2/slots in the range format.
 */
void
calbook_api_client_get_slots_async (CalbookApiClient    *self,
                                    gint64               event_type_id,
                                    GDateTime           *start,
                                    GDateTime           *end,
                                    const char          *time_zone,
                                    const char          *booking_uid_to_reschedule,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GString) path = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  g_return_if_fail (CALBOOK_IS_API_CLIENT (self));
  g_return_if_fail (event_type_id > 0);
  g_return_if_fail (start != NULL);
  g_return_if_fail (end != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_text = calbook_api_client_format_time (start);
  end_text = calbook_api_client_format_time (end);

  path = g_string_new (NULL);
  append_uint_param (path, "eventTypeId", (guint64) event_type_id);
  append_param (path, "start", start_text);
  append_param (path, "end", end_text);
  if (!is_empty (time_zone))
    append_param (path, "timeZone", time_zone);
  append_param (path, "format", "range");
  if (!is_empty (booking_uid_to_reschedule))
    append_param (path, "bookingUidToReschedule", booking_uid_to_reschedule);
  g_string_prepend (path, "/v2/slots");

  start_request (self,
                 request_new (SOUP_METHOD_GET, g_string_free (g_steal_pointer (&path), FALSE),
                              CALBOOK_API_VERSION_SLOTS, RESULT_OBJECT),
                 calbook_api_client_get_slots_async,
                 cancellable, callback, user_data);
}

/**
 * calbook_api_client_get_slots_finish:
 * @self: a #CalbookApiClient
 * @result: the #GAsyncResult
 * @error: return location for a #CALBOOK_API_ERROR
 *
 * Returns: (transfer full): `data`: "YYYY-MM-DD" → [{start, end}]
 */
JsonObject *
calbook_api_client_get_slots_finish (CalbookApiClient  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  return finish_request (self, result, calbook_api_client_get_slots_async, error);
}

/**
 * calbook_api_client_list_bookings_async:
 * @self: a #CalbookApiClient
 * @org_id: 0 for the key owner's bookings, or an organization id for every
 *   booking of the organization (admins only)
 * @query: the page to ask for
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the request is done
 * @user_data: data for @callback
 *
 * GET /v2/bookings or /v2/organizations/{org_id}/bookings, one page. Only
 * the fields of @query are sent; `take` is clamped to 1..%CALBOOK_API_MAX_TAKE.
 */
void
calbook_api_client_list_bookings_async (CalbookApiClient             *self,
                                        gint64                        org_id,
                                        const CalbookApiBookingQuery *query,
                                        GCancellable                 *cancellable,
                                        GAsyncReadyCallback           callback,
                                        gpointer                      user_data)
{
  g_autoptr(GString) path = NULL;
  Request *request;
  guint take;

  g_return_if_fail (CALBOOK_IS_API_CLIENT (self));
  g_return_if_fail (org_id >= 0);
  g_return_if_fail (query != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  take = clamp_take (query->take);

  path = g_string_new (NULL);
  if (!is_empty (query->status))
    append_param (path, "status", query->status);
  append_time_param (path, "afterUpdatedAt", query->after_updated_at);
  append_time_ms_param (path, "afterUpdatedAt", query->after_updated_ms);
  append_time_ms_param (path, "beforeUpdatedAt", query->before_updated_ms);
  append_time_ms_param (path, "afterCreatedAt", query->after_created_ms);
  append_time_ms_param (path, "beforeCreatedAt", query->before_created_ms);
  if (query->sort_updated_asc || query->sort == CALBOOK_API_SORT_UPDATED_ASC)
    append_param (path, "sortUpdatedAt", "asc");
  else if (query->sort == CALBOOK_API_SORT_CREATED_ASC)
    append_param (path, "sortCreated", "asc");
  else if (query->sort == CALBOOK_API_SORT_START_ASC)
    append_param (path, "sortStart", "asc");
  else if (query->sort == CALBOOK_API_SORT_UPDATED_DESC)
    append_param (path, "sortUpdatedAt", "desc");
  append_time_param (path, "afterStart", query->after_start);
  append_time_ms_param (path, "afterStart", query->after_start_ms);
  append_time_param (path, "beforeEnd", query->before_end);
  /* userIds exists only on the organization route */
  if (org_id > 0 && !is_empty (query->user_ids))
    append_param (path, "userIds", query->user_ids);
  if (!is_empty (query->event_type_ids))
    append_param (path, "eventTypeIds", query->event_type_ids);
  append_uint_param (path, "take", take);
  append_uint_param (path, "skip", query->skip);

  if (org_id > 0)
    {
      g_autofree char *prefix =
        g_strdup_printf ("/v2/organizations/%" G_GINT64_FORMAT "/bookings", org_id);

      g_string_prepend (path, prefix);
      /* Organization routes accept any version and need none */
      request = request_new (SOUP_METHOD_GET, g_string_free (g_steal_pointer (&path), FALSE),
                             NULL, RESULT_PAGE);
    }
  else
    {
      g_string_prepend (path, "/v2/bookings");
      request = request_new (SOUP_METHOD_GET, g_string_free (g_steal_pointer (&path), FALSE),
                             CALBOOK_API_VERSION_BOOKINGS, RESULT_PAGE);
    }

  request->take = take;
  request->skip = query->skip;
  request->texts_only = query->texts_only;

  start_request (self, request, calbook_api_client_list_bookings_async,
                 cancellable, callback, user_data);
}

/**
 * calbook_api_client_list_bookings_finish:
 * @self: a #CalbookApiClient
 * @result: the #GAsyncResult
 * @error: return location for a #CALBOOK_API_ERROR
 *
 * Returns: (transfer full): the page of raw booking objects
 */
CalbookApiPage *
calbook_api_client_list_bookings_finish (CalbookApiClient  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  return finish_request (self, result, calbook_api_client_list_bookings_async, error);
}

/**
 * calbook_api_client_get_booking_async:
 * @self: a #CalbookApiClient
 * @uid: a booking uid (or a recurring series uid)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the request is done
 * @user_data: data for @callback
 *
 * GET /v2/bookings/{uid}.
 */
void
calbook_api_client_get_booking_async (CalbookApiClient    *self,
                                      const char          *uid,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (CALBOOK_IS_API_CLIENT (self));
  g_return_if_fail (!is_empty (uid));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_request (self,
                 request_new (SOUP_METHOD_GET, make_booking_path (uid, NULL),
                              CALBOOK_API_VERSION_BOOKINGS, RESULT_NODE),
                 calbook_api_client_get_booking_async,
                 cancellable, callback, user_data);
}

/**
 * calbook_api_client_get_booking_finish:
 * @self: a #CalbookApiClient
 * @result: the #GAsyncResult
 * @error: return location for a #CALBOOK_API_ERROR
 *
 * Returns: (transfer full): `data`: an object, or an array for a series uid
 */
JsonNode *
calbook_api_client_get_booking_finish (CalbookApiClient  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  return finish_request (self, result, calbook_api_client_get_booking_async, error);
}

static const struct
{
  const char *kind;
  const char *method;
  const char *suffix;
  gboolean    slot_checked;
} mutation_routes[] = {
  { "create",      "POST",  NULL,          TRUE },
  { "reschedule",  "POST",  "reschedule",  TRUE },
  { "cancel",      "POST",  "cancel",      FALSE },
  { "confirm",     "POST",  "confirm",     FALSE },
  { "decline",     "POST",  "decline",     FALSE },
  { "mark-absent", "POST",  "mark-absent", FALSE },
  { "location",    "PATCH", "location",    FALSE },
  { "guests",      "POST",  "guests",      FALSE },
};

/**
 * calbook_api_client_mutate_booking_async:
 * @self: a #CalbookApiClient
 * @kind: "create", "reschedule", "cancel", "confirm", "decline",
 *   "mark-absent", "location" or "guests"
 * @uid: (nullable): the booking uid; %NULL only for "create"
 * @body: (nullable): the request body, sent as it is
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the request is done
 * @user_data: data for @callback
 *
 * Sends one change to Cal.com. It is sent again only when it can not have
 * reached the server (connection refused, unknown host) or when Cal.com
 * refused it with 429 before acting; after a timeout or a dropped
 * connection the error is returned (%CALBOOK_API_ERROR_NETWORK), because
 * Cal.com may have acted on it.
 */
void
calbook_api_client_mutate_booking_async (CalbookApiClient    *self,
                                         const char          *kind,
                                         const char          *uid,
                                         JsonObject          *body,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  calbook_api_client_mutate_booking_with_id_async (self, kind, uid, NULL, body, cancellable,
                                                   callback, user_data);
}

/**
 * calbook_api_client_mutate_booking_with_id_async:
 * @self: a #CalbookApiClient
 * @kind: see calbook_api_client_mutate_booking_async()
 * @uid: (nullable): the booking uid; %NULL only for "create"
 * @request_id: (nullable): the change's client request id, sent as the
 *   X-Calbook-Request-Id header (the same for every attempt of one change)
 * @body: (nullable): the request body, sent as it is
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the request is done
 * @user_data: data for @callback
 *
 * Like calbook_api_client_mutate_booking_async(); finish with
 * calbook_api_client_mutate_booking_finish().
 */
void
calbook_api_client_mutate_booking_with_id_async (CalbookApiClient    *self,
                                                 const char          *kind,
                                                 const char          *uid,
                                                 const char          *request_id,
                                                 JsonObject          *body,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data)
{
  Request *request;
  char *path;
  guint i;

  g_return_if_fail (CALBOOK_IS_API_CLIENT (self));
  g_return_if_fail (kind != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  for (i = 0; i < G_N_ELEMENTS (mutation_routes); i++)
    {
      if (g_str_equal (kind, mutation_routes[i].kind))
        break;
    }

  if (i == G_N_ELEMENTS (mutation_routes))
    {
      g_task_report_new_error (self, callback, user_data,
                               calbook_api_client_mutate_booking_async,
                               G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "Unknown booking change “%s”", kind);
      return;
    }

  if (mutation_routes[i].suffix == NULL)
    {
      path = g_strdup ("/v2/bookings");
    }
  else if (is_empty (uid))
    {
      g_task_report_new_error (self, callback, user_data,
                               calbook_api_client_mutate_booking_async,
                               G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "The booking change “%s” needs a booking uid", kind);
      return;
    }
  else
    {
      path = make_booking_path (uid, mutation_routes[i].suffix);
    }

  request = request_new (mutation_routes[i].method, path,
                         CALBOOK_API_VERSION_BOOKINGS, RESULT_NODE);
  request->is_mutation = TRUE;
  request->slot_checked = mutation_routes[i].slot_checked;
  if (request_id != NULL && *request_id != '\0')
    request->request_id = g_strdup (request_id);
  if (body != NULL)
    request->body = serialize_body (body);

  start_request (self, request, calbook_api_client_mutate_booking_async,
                 cancellable, callback, user_data);
}

/**
 * calbook_api_client_mutate_booking_finish:
 * @self: a #CalbookApiClient
 * @result: the #GAsyncResult
 * @error: return location for a #CALBOOK_API_ERROR
 *
 * Returns: (transfer full): `data`: the booking, or an array for recurring bookings
 */
JsonNode *
calbook_api_client_mutate_booking_finish (CalbookApiClient  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  return finish_request (self, result, calbook_api_client_mutate_booking_async, error);
}

/**
 * calbook_api_error_is_transient:
 * @error: (nullable): an error from a #CalbookApiClient
 *
 * Returns: %TRUE for errors that may go away by themselves (network,
 *   rate limit, server trouble), so the change is worth keeping to send later
 */
gboolean
calbook_api_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != CALBOOK_API_ERROR)
    return FALSE;

  switch ((CalbookApiError) error->code)
    {
    case CALBOOK_API_ERROR_NETWORK:
    case CALBOOK_API_ERROR_RATE_LIMITED:
    case CALBOOK_API_ERROR_SERVER:
      return TRUE;

    case CALBOOK_API_ERROR_TLS:
    case CALBOOK_API_ERROR_INVALID_URL:
    case CALBOOK_API_ERROR_UNAUTHORIZED:
    case CALBOOK_API_ERROR_FORBIDDEN:
    case CALBOOK_API_ERROR_NOT_FOUND:
    case CALBOOK_API_ERROR_BAD_REQUEST:
    case CALBOOK_API_ERROR_VALIDATION:
    case CALBOOK_API_ERROR_CONFLICT:
    case CALBOOK_API_ERROR_INVALID_RESPONSE:
    default:
      return FALSE;
    }
}
