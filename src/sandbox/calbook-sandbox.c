/* calbook-sandbox.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "calbook-sandbox.h"
#include "calbook-sandbox-bookings.h"
#include "calbook-sandbox-bookings-list.h"
#include "calbook-sandbox-churn.h"
#include "calbook-sandbox-db.h"
#include "calbook-sandbox-demo-data.h"
#include "calbook-sandbox-faults.h"
#include "calbook-sandbox-hooks.h"
#include "calbook-sandbox-json.h"
#include "calbook-sandbox-mutation-log.h"
#include "calbook-sandbox-organizations.h"
#include "calbook-sandbox-rate-limiter.h"
#include "calbook-sandbox-request.h"
#include "calbook-sandbox-seed.h"
#include "calbook-sandbox-slots.h"

#define ORGANIZATION_ID 7001
#define VERSION_BOOKINGS "2024-08-13"
#define VERSION_SLOTS "2024-09-04"
#define VERSION_EVENT_TYPES "2024-06-14"
#define GUESTS_LIMIT 5

struct _CalbookSandbox
{
  GObject                    parent_instance;

  CalbookSandboxDb          *db;
  SoupServer                *server;
  GMainContext              *context;
  GRand                     *rand;
  char                      *url;
  guint64                    seed;
  /* Guarded by @lock: tests read it from their own thread */
  CalbookSandboxMutationLog *mutations;
  /* "METHOD /path" → how many API requests came (hooks not counted), for
   * tests that judge what a client asks; guarded by @lock */
  GHashTable                *request_counts;
  /* Answers held back by slow or stale faults right now */
  guint                      held_answers;

  /* Set from other threads (tests drive an in-process sandbox that serves
   * from its own thread), so guarded by @lock */
  GMutex                     lock;
  gboolean                   has_now;
  gint64                     now_ms;
  guint                      rate_limit;
  gboolean                   shuffle_ties;
  gboolean                   no_admin_api;
  GRand                     *tie_rand;
  CalbookSandboxChurn       *churn;
  double                     churn_per_second;
  double                     churn_per_request;
  GSource                   *churn_source;
  CalbookSandboxFaults      *faults;
  char                      *faults_spec;
  CalbookSandboxRateLimiter *limiter;
};

G_DEFINE_FINAL_TYPE (CalbookSandbox, calbook_sandbox, G_TYPE_OBJECT)

typedef struct
{
  CalbookSandbox      *self;
  SoupServerMessage   *msg;
  CalbookSandboxFault  fault;
  gboolean             answered;   /* stale: the answer waits, computed */
} DelayedAnswer;

static void reply_settings (CalbookSandbox        *self,
                            CalbookSandboxRequest *req);

/* GET /_sandbox/requests: {"requests": {"GET /v2/me": 3, …}} */
static void
reply_request_counts (CalbookSandbox        *self,
                      CalbookSandboxRequest *req)
{
  g_autoptr(JsonObject) counts = json_object_new ();
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  GHashTableIter iter;
  gpointer key, value;

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->request_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_int_member (counts, key, GPOINTER_TO_UINT (value));
  g_mutex_unlock (&self->lock);

  json_object_set_object_member (data, "requests", g_steal_pointer (&counts));
  json_node_set_object (root, data);
  calbook_sandbox_reply_json (req, 200, root);
}

static void
count_request (CalbookSandbox        *self,
               CalbookSandboxRequest *req)
{
  g_autofree char *key = g_strdup_printf ("%s %s", req->method, req->path);
  guint n;

  g_mutex_lock (&self->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->request_counts, key));
  g_hash_table_replace (self->request_counts, g_steal_pointer (&key), GUINT_TO_POINTER (n + 1));
  g_mutex_unlock (&self->lock);
}

/* Auxiliary methods */

static gint64
get_now_ms (CalbookSandbox *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  return self->has_now ? self->now_ms : g_get_real_time () / 1000;
}

static gboolean
has_version (CalbookSandboxRequest *req,
             const char            *version)
{
  return g_strcmp0 (req->version, version) == 0;
}

static void
route_bookings (CalbookSandboxRequest  *req,
                char                  **segments,
                guint                   n_segments)
{
  gboolean versioned = has_version (req, VERSION_BOOKINGS);
  const char *method = req->method;

  /* A known version without a bookings controller has no such route; a
   * missing or unknown one falls back to 2024-04-15 */
  if (has_version (req, "2024-06-11") || has_version (req, VERSION_EVENT_TYPES) || has_version (req, VERSION_SLOTS))
    {
      calbook_sandbox_reply_no_route (req);
      return;
    }

  if (n_segments == 0 && g_str_equal (method, "GET"))
    {
      if (!calbook_sandbox_request_require_auth (req))
        return;
      if (!versioned)
        calbook_sandbox_bookings_list_legacy (req);
      else
        calbook_sandbox_bookings_list (req,
                                       calbook_sandbox_request_is_admin (req)
                                       ? CALBOOK_SANDBOX_SCOPE_ORGANIZATION
                                       : CALBOOK_SANDBOX_SCOPE_OWN,
                                       NULL);
      return;
    }

  /* Every other booking route of interest exists only in 2024-08-13 */
  if (!versioned)
    {
      calbook_sandbox_reply_no_route (req);
      return;
    }

  if (n_segments == 0 && g_str_equal (method, "POST"))
    calbook_sandbox_bookings_create (req);
  else if (n_segments == 1 && g_str_equal (method, "GET"))
    calbook_sandbox_bookings_get (req, segments[0]);
  else if (n_segments == 2 && g_str_equal (method, "POST") && g_str_equal (segments[1], "cancel"))
    calbook_sandbox_bookings_cancel (req, segments[0]);
  else if (n_segments == 2 && g_str_equal (method, "POST") && g_str_equal (segments[1], "reschedule"))
    calbook_sandbox_bookings_reschedule (req, segments[0]);
  else if (n_segments == 2 && g_str_equal (method, "POST") && g_str_equal (segments[1], "confirm"))
    calbook_sandbox_bookings_confirm (req, segments[0]);
  else if (n_segments == 2 && g_str_equal (method, "POST") && g_str_equal (segments[1], "decline"))
    calbook_sandbox_bookings_decline (req, segments[0]);
  else if (n_segments == 2 && g_str_equal (method, "POST") && g_str_equal (segments[1], "mark-absent"))
    calbook_sandbox_bookings_mark_absent (req, segments[0]);
  else if (n_segments == 2 && g_str_equal (method, "POST") && g_str_equal (segments[1], "guests"))
    calbook_sandbox_bookings_add_guests (req, segments[0]);
  else if (n_segments == 2 && g_str_equal (method, "PATCH") && g_str_equal (segments[1], "location"))
    calbook_sandbox_bookings_set_location (req, segments[0]);
  else
    calbook_sandbox_reply_no_route (req);
}

/* /_sandbox/…: the test hooks, see README.md */
static void
route_hooks (CalbookSandbox         *self,
             CalbookSandboxRequest  *req,
             char                  **segments,
             guint                   n)
{
  const char *method = req->method;

  if (n == 1 && g_str_equal (segments[0], "mutations") && g_str_equal (method, "GET"))
    {
      g_autoptr(JsonNode) root = NULL;

      g_mutex_lock (&self->lock);
      root = calbook_sandbox_mutation_log_to_json (self->mutations,
                                                   calbook_sandbox_request_get_param (req, "requestId"),
                                                   calbook_sandbox_request_get_param (req, "uid"));
      g_mutex_unlock (&self->lock);
      calbook_sandbox_reply_json (req, 200, root);
    }
  else if (n == 1 && g_str_equal (segments[0], "requests") && g_str_equal (method, "GET"))
    reply_request_counts (self, req);
  else if (n == 1 && g_str_equal (segments[0], "requests") && g_str_equal (method, "DELETE"))
    {
      g_mutex_lock (&self->lock);
      g_hash_table_remove_all (self->request_counts);
      g_mutex_unlock (&self->lock);
      reply_request_counts (self, req);
    }
  else if (n == 1 && g_str_equal (segments[0], "mutations") && g_str_equal (method, "DELETE"))
    {
      g_mutex_lock (&self->lock);
      calbook_sandbox_mutation_log_clear (self->mutations);
      g_mutex_unlock (&self->lock);
      soup_server_message_set_status (req->msg, 204, NULL);
    }
  else if (n == 1 && g_str_equal (segments[0], "settings") &&
           (g_str_equal (method, "GET") || g_str_equal (method, "PATCH")))
    reply_settings (self, req);
  else if (n == 2 && g_str_equal (segments[0], "bookings") && g_str_equal (method, "DELETE"))
    calbook_sandbox_hooks_delete_booking (req, segments[1]);
  else if (n == 2 && g_str_equal (segments[0], "bookings") && g_str_equal (method, "PATCH"))
    calbook_sandbox_hooks_patch_booking (req, segments[1]);
  else if (n == 3 && g_str_equal (segments[0], "bookings") && g_str_equal (segments[2], "organizer") &&
           g_str_equal (method, "POST"))
    calbook_sandbox_hooks_set_organizer (req, segments[1]);
  else if (n == 4 && g_str_equal (segments[0], "bookings") && g_str_equal (segments[2], "attendees") &&
           g_str_equal (method, "DELETE"))
    calbook_sandbox_hooks_remove_attendee (req, segments[1], segments[3]);
  else if (n == 2 && g_str_equal (segments[0], "memberships") && g_str_equal (method, "PATCH"))
    calbook_sandbox_hooks_set_role (req, segments[1]);
  else if (n == 2 && g_str_equal (segments[0], "event-types") && g_str_equal (method, "PATCH"))
    calbook_sandbox_hooks_patch_event_type (req, segments[1]);
  else if (n == 2 && g_str_equal (segments[0], "teams") && g_str_equal (method, "PUT"))
    calbook_sandbox_hooks_set_team (req, segments[1]);
  else if (n == 2 && g_str_equal (segments[0], "teams") && g_str_equal (method, "DELETE"))
    calbook_sandbox_hooks_delete_team (req, segments[1]);
  else
    calbook_sandbox_reply_no_route (req);
}

static gboolean
is_hook_path (const char *path)
{
  return g_str_has_prefix (path, "/_sandbox/");
}

static void
dispatch (CalbookSandbox        *self,
          CalbookSandboxRequest *req)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_auto(GStrv) split = g_strsplit (req->path, "/", -1);
  char **segments;
  guint n;

  for (guint i = 0; split[i] != NULL; i++)
    if (*split[i] != '\0')
      g_ptr_array_add (parts, split[i]);
  g_ptr_array_add (parts, NULL);
  segments = (char **) parts->pdata;
  n = parts->len - 1;

  if (n >= 1 && g_str_equal (segments[0], "_sandbox"))
    route_hooks (self, req, segments + 1, n - 1);
  else if (n < 2 || !g_str_equal (segments[0], "v2"))
    calbook_sandbox_reply_no_route (req);
  else if (g_str_equal (segments[1], "bookings"))
    route_bookings (req, segments + 2, n - 2);
  else if (n == 2 && g_str_equal (segments[1], "me") && g_str_equal (req->method, "GET"))
    calbook_sandbox_organizations_me (req);
  else if (n == 2 && g_str_equal (segments[1], "event-types") && g_str_equal (req->method, "GET") &&
           has_version (req, VERSION_EVENT_TYPES))
    calbook_sandbox_slots_event_types (req);
  else if (n == 2 && g_str_equal (segments[1], "slots") && g_str_equal (req->method, "GET") &&
           has_version (req, VERSION_SLOTS))
    calbook_sandbox_slots_get (req);
  else if (n == 4 && g_str_equal (segments[1], "organizations") && g_str_equal (req->method, "GET") &&
           g_str_equal (segments[3], "bookings"))
    calbook_sandbox_organizations_bookings (req, segments[2]);
  else if (n == 4 && g_str_equal (segments[1], "organizations") && g_str_equal (req->method, "GET") &&
           g_str_equal (segments[3], "memberships"))
    calbook_sandbox_organizations_memberships (req, segments[2]);
  else
    calbook_sandbox_reply_no_route (req);
}

static gboolean
is_guests_route (CalbookSandboxRequest *req)
{
  return g_str_equal (req->method, "POST") && has_version (req, VERSION_BOOKINGS) &&
         g_str_has_prefix (req->path, "/v2/bookings/") &&
         g_str_has_suffix (req->path, "/guests");
}

static void
reply_fault (CalbookSandboxRequest *req,
             CalbookSandboxFault    fault,
             guint                  limit,
             guint                  reset_s)
{
  static const char malformed[] = "{\"status\":\"success\",\"data\":[{\"id\":1,\"uid\":\"tr";
  static const char bad_gateway[] =
    "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n";
  static const char unavailable[] =
    "<html><head><title>503 Service Temporarily Unavailable</title></head><body><center>"
    "<h1>503 Service Temporarily Unavailable</h1></center></body></html>\n";
  static const char gateway_timeout[] =
    "<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center></body></html>\n";
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  switch (fault)
    {
    case CALBOOK_SANDBOX_FAULT_429:
      {
        g_autofree char *limit_text = g_strdup_printf ("%u", limit > 0 ? limit : 120);
        g_autofree char *reset_text = g_strdup_printf ("%u", reset_s);

        soup_message_headers_replace (headers, "X-RateLimit-Limit-Default", limit_text);
        soup_message_headers_replace (headers, "X-RateLimit-Remaining-Default", "0");
        soup_message_headers_replace (headers, "X-RateLimit-Reset-Default", reset_text);
        calbook_sandbox_reply_error (req, 429, "Too many requests. Please try again later.");
      }
      break;
    case CALBOOK_SANDBOX_FAULT_500:
      calbook_sandbox_reply_error (req, 500, "Internal server error");
      break;
    case CALBOOK_SANDBOX_FAULT_502:
    case CALBOOK_SANDBOX_FAULT_APPLIED_502:
      soup_server_message_set_status (req->msg, 502, NULL);
      soup_server_message_set_response (req->msg, "text/html", SOUP_MEMORY_STATIC, bad_gateway, strlen (bad_gateway));
      break;
    case CALBOOK_SANDBOX_FAULT_504:
    case CALBOOK_SANDBOX_FAULT_APPLIED_504:
      soup_server_message_set_status (req->msg, 504, NULL);
      soup_server_message_set_response (req->msg, "text/html", SOUP_MEMORY_STATIC, gateway_timeout,
                                        strlen (gateway_timeout));
      break;
    case CALBOOK_SANDBOX_FAULT_503:
      soup_server_message_set_status (req->msg, 503, NULL);
      soup_server_message_set_response (req->msg, "text/html", SOUP_MEMORY_STATIC, unavailable, strlen (unavailable));
      break;
    case CALBOOK_SANDBOX_FAULT_MALFORMED:
      soup_server_message_set_status (req->msg, 200, NULL);
      soup_server_message_set_response (req->msg, "application/json; charset=utf-8", SOUP_MEMORY_STATIC,
                                        malformed, strlen (malformed));
      break;
    case CALBOOK_SANDBOX_FAULT_NONE:
    case CALBOOK_SANDBOX_FAULT_DROP:
    case CALBOOK_SANDBOX_FAULT_APPLIED_DROP:
    case CALBOOK_SANDBOX_N_FAULTS:
    default:
      g_assert_not_reached ();
    }
}

static char *
dup_tracker (SoupServerMessage *msg)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  const char *host;

  if (auth != NULL)
    return g_compute_checksum_for_string (G_CHECKSUM_SHA256, auth, -1);

  host = soup_server_message_get_remote_host (msg);
  return g_strdup_printf ("ip:%s", host != NULL ? host : "unknown");
}

/* Serving thread only: the database is not shared */
static void
churn_edit (CalbookSandbox *self)
{
  gint64 now_ms = get_now_ms (self);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  calbook_sandbox_churn_edit (self->churn, self->db, now_ms);
}

static gboolean
on_churn_tick_cb (gpointer user_data)
{
  churn_edit (user_data);

  return G_SOURCE_CONTINUE;
}

/* Called with @lock held: (re)starts the timer of timed churn */
static void
update_churn_timer (CalbookSandbox *self)
{
  if (self->churn_source != NULL)
    {
      g_source_destroy (self->churn_source);
      g_clear_pointer (&self->churn_source, g_source_unref);
    }

  if (self->churn_per_second <= 0 || self->server == NULL)
    return;

  self->churn_source = g_timeout_source_new ((guint) MAX (1.0, 1000.0 / self->churn_per_second));
  g_source_set_callback (self->churn_source, on_churn_tick_cb, self, NULL);
  g_source_attach (self->churn_source, self->context);
}

static void
drop_connection (SoupServerMessage *msg)
{
  /* Close the connection without a word, as a crashed proxy would */
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

/* Returns: %TRUE when the connection is to be cut instead of answered
 * (an applied-drop fault, after the request was carried out) */
static gboolean
answer (CalbookSandbox      *self,
        SoupServerMessage   *msg,
        CalbookSandboxFault  fault)
{
  g_autoptr(CalbookSandboxRequest) req = NULL;
  g_autofree char *request_id = g_uuid_string_random ();
  g_autofree char *tracker = dup_tracker (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gboolean allowed;
  guint limit;
  guint reset_s;

  req = calbook_sandbox_request_new (msg, self->db, self->rand, get_now_ms (self), ORGANIZATION_ID);
  soup_message_headers_replace (headers, "X-Request-Id", request_id);

  /* The hooks are the test's own channel: never throttled nor faulted */
  if (is_hook_path (req->path))
    {
      dispatch (self, req);
      return FALSE;
    }

  count_request (self, req);
  g_mutex_lock (&self->lock);
  if (self->shuffle_ties)
    req->tie_salt = (guint32) g_rand_int_range (self->tie_rand, 2, G_MAXINT32);
  req->no_admin_api = self->no_admin_api;
  limit = self->rate_limit;
  reset_s = self->faults != NULL ? calbook_sandbox_faults_get_throttle_reset (self->faults) : 1;
  g_mutex_unlock (&self->lock);

  allowed = calbook_sandbox_rate_limiter_hit (self->limiter, "Default", tracker, limit, headers);
  /* Rate limit 0 turns every throttler off, the guests one included */
  if (allowed && limit > 0 && is_guests_route (req))
    allowed = calbook_sandbox_rate_limiter_hit (self->limiter, "Booking_guests_add", tracker, GUESTS_LIMIT, headers);

  if (!allowed)
    {
      calbook_sandbox_reply_error (req, 429, "Too many requests. Please try again later.");
      return FALSE;
    }
  if (fault != CALBOOK_SANDBOX_FAULT_NONE && !CALBOOK_SANDBOX_FAULT_IS_APPLIED (fault))
    {
      reply_fault (req, fault, limit, reset_s);
      return FALSE;
    }

  /* Churn between a client's pages: an edit lands just before a list
   * page is read */
  if (g_str_equal (req->method, "GET") && g_str_has_suffix (req->path, "/bookings"))
    {
      gboolean edit;

      g_mutex_lock (&self->lock);
      edit = self->churn_per_request > 0 && calbook_sandbox_churn_roll (self->churn, self->churn_per_request);
      g_mutex_unlock (&self->lock);
      if (edit)
        churn_edit (self);
    }

  dispatch (self, req);
  g_mutex_lock (&self->lock);
  calbook_sandbox_mutation_log_record (self->mutations, req);
  g_mutex_unlock (&self->lock);

  /* The change stays applied; only its answer is lost on the way */
  if (fault == CALBOOK_SANDBOX_FAULT_APPLIED_DROP)
    return TRUE;
  if (fault != CALBOOK_SANDBOX_FAULT_NONE)
    {
      soup_message_body_truncate (soup_server_message_get_response_body (msg));
      soup_message_headers_remove (headers, "Content-Type");
      reply_fault (req, fault, limit, reset_s);
    }

  return FALSE;
}

static void
delayed_answer_free (gpointer data)
{
  DelayedAnswer *delayed = data;

  g_object_unref (delayed->self);
  g_object_unref (delayed->msg);
  g_free (delayed);
}

/* Callbacks */

static gboolean
on_delay_elapsed_cb (gpointer user_data)
{
  DelayedAnswer *delayed = user_data;
  gboolean drop = FALSE;

  delayed->self->held_answers--;
  if (delayed->answered)
    ; /* stale: computed before the wait */
  else if (delayed->self->server != NULL)
    drop = answer (delayed->self, delayed->msg, delayed->fault);
  else
    soup_server_message_set_status (delayed->msg, 503, NULL);
  soup_server_message_unpause (delayed->msg);
  if (drop)
    drop_connection (delayed->msg);

  return G_SOURCE_REMOVE;
}

static void
on_server_request_cb (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  CalbookSandbox *self = user_data;
  CalbookSandboxFault fault = CALBOOK_SANDBOX_FAULT_NONE;
  CalbookSandboxDelay delay = CALBOOK_SANDBOX_DELAY_NONE;
  const char *method = soup_server_message_get_method (msg);
  gboolean is_write = !g_str_equal (method, "GET") && !g_str_equal (method, "HEAD");
  gboolean answered = FALSE;
  guint delay_ms = 0;

  g_mutex_lock (&self->lock);
  if (self->faults != NULL && !is_hook_path (path))
    fault = calbook_sandbox_faults_roll (self->faults, is_write, &delay, &delay_ms);
  g_mutex_unlock (&self->lock);

  if (fault == CALBOOK_SANDBOX_FAULT_DROP)
    {
      drop_connection (msg);
      return;
    }

  /* Stale: the answer is computed now and delivered late; an applied
   * drop cuts the connection at once, whatever the delay */
  if (delay == CALBOOK_SANDBOX_DELAY_STALE || fault == CALBOOK_SANDBOX_FAULT_APPLIED_DROP)
    {
      if (answer (self, msg, fault))
        {
          drop_connection (msg);
          return;
        }
      answered = TRUE;
    }

  if (delay != CALBOOK_SANDBOX_DELAY_NONE && delay_ms > 0)
    {
      DelayedAnswer *delayed = g_new0 (DelayedAnswer, 1);
      g_autoptr(GSource) source = g_timeout_source_new (delay_ms);

      delayed->self = g_object_ref (self);
      delayed->msg = g_object_ref (msg);
      delayed->fault = fault;
      delayed->answered = answered;
      self->held_answers++;
      soup_server_message_pause (msg);
      g_source_set_callback (source, on_delay_elapsed_cb, delayed, delayed_answer_free);
      g_source_attach (source, self->context);
      return;
    }

  if (!answered)
    answer (self, msg, fault);
}

/* GET or PATCH /_sandbox/settings {"faults": SPEC|null, "rateLimit": N,
 * "now": ISO|null}: what the command line sets, changed while serving;
 * answers the settings in force. */
static void
reply_settings (CalbookSandbox        *self,
                CalbookSandboxRequest *req)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *data;
  JsonNode *node;

  if (g_str_equal (req->method, "PATCH"))
    {
      body = calbook_sandbox_request_parse_body (req);
      if (body == NULL)
        return;

      if (json_object_has_member (body, "faults"))
        {
          node = json_object_get_member (body, "faults");
          if (!JSON_NODE_HOLDS_NULL (node) && json_node_get_value_type (node) != G_TYPE_STRING)
            {
              calbook_sandbox_reply_error (req, 400, "faults must be a string or null");
              return;
            }
          if (!calbook_sandbox_set_faults (self, JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node), &error))
            {
              calbook_sandbox_reply_error (req, 400, error->message);
              return;
            }
        }
      if (json_object_has_member (body, "rateLimit"))
        {
          node = json_object_get_member (body, "rateLimit");
          if (json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 0)
            {
              calbook_sandbox_reply_error (req, 400, "rateLimit must be a number of requests per minute, 0 for none");
              return;
            }
          calbook_sandbox_set_rate_limit (self, (guint) MIN (json_node_get_int (node), G_MAXUINT));
        }
      if (json_object_has_member (body, "churn") || json_object_has_member (body, "churnPerRequest"))
        {
          double per_second;
          double per_request;

          g_mutex_lock (&self->lock);
          per_second = self->churn_per_second;
          per_request = self->churn_per_request;
          g_mutex_unlock (&self->lock);
          for (guint i = 0; i < 2; i++)
            {
              const char *member = i == 0 ? "churn" : "churnPerRequest";
              double *value = i == 0 ? &per_second : &per_request;

              if (!json_object_has_member (body, member))
                continue;
              node = json_object_get_member (body, member);
              if (!JSON_NODE_HOLDS_VALUE (node) ||
                  (json_node_get_value_type (node) != G_TYPE_INT64 && json_node_get_value_type (node) != G_TYPE_DOUBLE) ||
                  json_node_get_double (node) < 0 || (i == 1 && json_node_get_double (node) > 1))
                {
                  calbook_sandbox_reply_error (req, 400, "churn must be edits per second (0 for none),"
                                                         " churnPerRequest a probability");
                  return;
                }
              *value = json_node_get_double (node);
            }
          calbook_sandbox_set_churn (self, per_second, per_request);
        }
      if (json_object_has_member (body, "adminApi"))
        {
          node = json_object_get_member (body, "adminApi");
          if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
            {
              calbook_sandbox_reply_error (req, 400, "adminApi must be a boolean");
              return;
            }
          calbook_sandbox_set_admin_api (self, json_node_get_boolean (node));
        }
      if (json_object_has_member (body, "shuffleTies"))
        {
          node = json_object_get_member (body, "shuffleTies");
          if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
            {
              calbook_sandbox_reply_error (req, 400, "shuffleTies must be a boolean");
              return;
            }
          calbook_sandbox_set_shuffle_ties (self, json_node_get_boolean (node));
        }
      if (json_object_has_member (body, "now"))
        {
          gint64 ms = 0;

          node = json_object_get_member (body, "now");
          if (!JSON_NODE_HOLDS_NULL (node) &&
              (json_node_get_value_type (node) != G_TYPE_STRING ||
               !calbook_sandbox_parse_time (json_node_get_string (node), &ms)))
            {
              calbook_sandbox_reply_error (req, 400, "now must be an ISO 8601 time or null");
              return;
            }
          g_mutex_lock (&self->lock);
          self->has_now = !JSON_NODE_HOLDS_NULL (node);
          self->now_ms = ms;
          g_mutex_unlock (&self->lock);
        }
    }

  data = json_object_new ();
  g_mutex_lock (&self->lock);
  if (self->faults_spec != NULL)
    json_object_set_string_member (data, "faults", self->faults_spec);
  else
    json_object_set_null_member (data, "faults");
  json_object_set_int_member (data, "rateLimit", self->rate_limit);
  json_object_set_boolean_member (data, "shuffleTies", self->shuffle_ties);
  json_object_set_boolean_member (data, "adminApi", !self->no_admin_api);
  json_object_set_double_member (data, "churn", self->churn_per_second);
  json_object_set_double_member (data, "churnPerRequest", self->churn_per_request);
  json_object_set_int_member (data, "churnEdits", calbook_sandbox_churn_get_count (self->churn));
  if (self->has_now)
    {
      g_autofree char *now = calbook_sandbox_format_time (self->now_ms);

      json_object_set_string_member (data, "now", now);
    }
  else
    json_object_set_null_member (data, "now");
  g_mutex_unlock (&self->lock);
  /* So tests can wait for a held answer instead of sleeping */
  json_object_set_int_member (data, "heldAnswers", self->held_answers);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, data);
  calbook_sandbox_reply_success (req, 200, node);
}

/* GObject overrides */

static void
calbook_sandbox_dispose (GObject *object)
{
  CalbookSandbox *self = (CalbookSandbox *) object;

  calbook_sandbox_shutdown (self);

  G_OBJECT_CLASS (calbook_sandbox_parent_class)->dispose (object);
}

static void
calbook_sandbox_finalize (GObject *object)
{
  CalbookSandbox *self = (CalbookSandbox *) object;

  g_clear_object (&self->db);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->tie_rand, g_rand_free);
  g_clear_pointer (&self->churn, calbook_sandbox_churn_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->faults, calbook_sandbox_faults_free);
  g_clear_pointer (&self->faults_spec, g_free);
  g_clear_pointer (&self->limiter, calbook_sandbox_rate_limiter_free);
  g_clear_pointer (&self->mutations, calbook_sandbox_mutation_log_free);
  g_clear_pointer (&self->request_counts, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (calbook_sandbox_parent_class)->finalize (object);
}

static void
calbook_sandbox_class_init (CalbookSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = calbook_sandbox_dispose;
  object_class->finalize = calbook_sandbox_finalize;
}

static void
calbook_sandbox_init (CalbookSandbox *self)
{
  g_mutex_init (&self->lock);
  self->rate_limit = 120;
  self->limiter = calbook_sandbox_rate_limiter_new ();
  self->mutations = calbook_sandbox_mutation_log_new ();
  self->request_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API */

/* n_bookings G_MAXUINT: the curated demo practice */
static CalbookSandbox *
sandbox_new (guint64      seed,
             guint        n_bookings,
             const char  *db_path,
             GError     **error)
{
  g_autoptr(CalbookSandbox) self = g_object_new (CALBOOK_TYPE_SANDBOX, NULL);
  guint32 seed_words[3] = { (guint32) (seed & 0xffffffff), (guint32) (seed >> 32), 0x5eed };
  const char *fixed_now;

  self->seed = seed;
  self->rand = g_rand_new_with_seed_array (seed_words, G_N_ELEMENTS (seed_words));
  seed_words[2] = 0x7133;
  self->tie_rand = g_rand_new_with_seed_array (seed_words, G_N_ELEMENTS (seed_words));
  /* Cal.com has no tie-breaker on any sort key: clients must cope */
  self->shuffle_ties = TRUE;
  self->churn = calbook_sandbox_churn_new (seed);
  self->db = calbook_sandbox_db_new (db_path, error);
  if (self->db == NULL)
    return NULL;

  /* CALBOOK_SANDBOX_NOW (Unix seconds) pins the clock and the demo data,
   * for reproducible screenshots and GUI tests */
  fixed_now = g_getenv ("CALBOOK_SANDBOX_NOW");
  if (fixed_now != NULL && *fixed_now != '\0')
    {
      self->has_now = TRUE;
      self->now_ms = g_ascii_strtoll (fixed_now, NULL, 10) * 1000;
    }

  if (calbook_sandbox_db_is_empty (self->db))
    {
      gint64 now_ms = self->has_now ? self->now_ms : g_get_real_time () / 1000;

      if (n_bookings == G_MAXUINT
          ? !calbook_sandbox_demo_data_populate (self->db, seed, now_ms, error)
          : !calbook_sandbox_seed_populate (self->db, seed, n_bookings, now_ms, error))
        return NULL;
    }
  else if (!calbook_sandbox_db_load (self->db, error))
    return NULL;

  if (!calbook_sandbox_db_create_indexes (self->db, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * calbook_sandbox_new:
 * @seed: seed of the data (and of the faults, unless they set their own)
 * @n_bookings: 0 for the curated edge-case test set (every status, chains,
 *   hostile and long texts), otherwise that many random bookings
 * @db_path: (nullable): an SQLite file to keep the data in; %NULL = in memory.
 *   A file written by an earlier run is used as it is.
 *
 * Returns: (transfer full): a sandbox with a test data set, not yet listening
 */
CalbookSandbox *
calbook_sandbox_new (guint64      seed,
                     guint        n_bookings,
                     const char  *db_path,
                     GError     **error)
{
  g_return_val_if_fail (n_bookings < G_MAXUINT, NULL);

  return sandbox_new (seed, n_bookings, db_path, error);
}

/**
 * calbook_sandbox_new_demo:
 *
 * Like calbook_sandbox_new(), with the demo data: the weeks around today
 * of a therapy practice, meant to be looked at, not to test with.
 *
 * Returns: (transfer full): a sandbox, not yet listening
 */
CalbookSandbox *
calbook_sandbox_new_demo (guint64      seed,
                          const char  *db_path,
                          GError     **error)
{
  return sandbox_new (seed, G_MAXUINT, db_path, error);
}

void
calbook_sandbox_set_rate_limit (CalbookSandbox *self,
                                guint           requests_per_minute)
{
  g_return_if_fail (CALBOOK_IS_SANDBOX (self));

  g_mutex_lock (&self->lock);
  self->rate_limit = requests_per_minute;
  g_mutex_unlock (&self->lock);
}

/**
 * calbook_sandbox_set_shuffle_ties:
 * @shuffle: %TRUE (the default) to answer bookings that tie on the sort
 *   key in an order that changes from request to request (seeded), as
 *   PostgreSQL may; %FALSE to break ties by id, for tests that need a fixed
 *   order
 */
void
calbook_sandbox_set_shuffle_ties (CalbookSandbox *self,
                                  gboolean        shuffle)
{
  g_return_if_fail (CALBOOK_IS_SANDBOX (self));

  g_mutex_lock (&self->lock);
  self->shuffle_ties = shuffle;
  g_mutex_unlock (&self->lock);
}

/**
 * calbook_sandbox_set_admin_api:
 * @enabled: %FALSE for an organization without Admin API access: its
 *   /v2/organizations/… routes answer 403 even to its admins, who still
 *   get the organization's bookings from /v2/bookings
 */
void
calbook_sandbox_set_admin_api (CalbookSandbox *self,
                               gboolean        enabled)
{
  g_return_if_fail (CALBOOK_IS_SANDBOX (self));

  g_mutex_lock (&self->lock);
  self->no_admin_api = !enabled;
  g_mutex_unlock (&self->lock);
}

/**
 * calbook_sandbox_set_churn:
 * @per_second: edits per second on a timer while serving (0: none)
 * @per_request: chance of an edit just before each bookings list page is
 *   answered (0: none), which interleaves edits with paging reproducibly
 *
 * Edits random bookings still to come (location, confirm, cancel) as
 * someone else would on Cal.com.
 */
void
calbook_sandbox_set_churn (CalbookSandbox *self,
                           double          per_second,
                           double          per_request)
{
  g_return_if_fail (CALBOOK_IS_SANDBOX (self));
  g_return_if_fail (per_second >= 0 && per_request >= 0 && per_request <= 1);

  g_mutex_lock (&self->lock);
  self->churn_per_second = per_second;
  self->churn_per_request = per_request;
  update_churn_timer (self);
  g_mutex_unlock (&self->lock);
}

/**
 * calbook_sandbox_set_faults:
 * @spec: (nullable): see %CALBOOK_SANDBOX_FAULTS_HELP; %NULL or "" = no faults
 */
gboolean
calbook_sandbox_set_faults (CalbookSandbox  *self,
                            const char      *spec,
                            GError         **error)
{
  CalbookSandboxFaults *faults = NULL;

  g_return_val_if_fail (CALBOOK_IS_SANDBOX (self), FALSE);

  if (spec != NULL && *spec != '\0')
    {
      faults = calbook_sandbox_faults_new (spec, self->seed, error);
      if (faults == NULL)
        return FALSE;
    }

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->faults, calbook_sandbox_faults_free);
  self->faults = faults;
  g_free (self->faults_spec);
  self->faults_spec = faults != NULL ? g_strdup (spec) : NULL;
  g_mutex_unlock (&self->lock);

  return TRUE;
}

gboolean
calbook_sandbox_listen (CalbookSandbox  *self,
                        guint            port,
                        GError         **error)
{
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;
  guint bound_port;

  g_return_val_if_fail (CALBOOK_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);

  server = soup_server_new ("server-header", "calbook-sandbox ", NULL);
  soup_server_add_handler (server, NULL, on_server_request_cb, self, NULL);
  if (!soup_server_listen_local (server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;

  uris = soup_server_get_uris (server);
  bound_port = uris != NULL ? (guint) g_uri_get_port (uris->data) : port;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  g_free (self->url);
  self->url = g_strdup_printf ("http://127.0.0.1:%u", bound_port);
  self->server = g_steal_pointer (&server);

  g_mutex_lock (&self->lock);
  update_churn_timer (self);
  g_mutex_unlock (&self->lock);

  return TRUE;
}

void
calbook_sandbox_shutdown (CalbookSandbox *self)
{
  g_return_if_fail (CALBOOK_IS_SANDBOX (self));

  if (self->server == NULL)
    return;

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  g_mutex_lock (&self->lock);
  update_churn_timer (self);
  g_mutex_unlock (&self->lock);
}

const char *
calbook_sandbox_get_url (CalbookSandbox *self)
{
  g_return_val_if_fail (CALBOOK_IS_SANDBOX (self), NULL);

  return self->url;
}

gint64
calbook_sandbox_get_organization_id (CalbookSandbox *self)
{
  g_return_val_if_fail (CALBOOK_IS_SANDBOX (self), 0);

  return ORGANIZATION_ID;
}

/**
 * calbook_sandbox_dup_info_json:
 *
 * Returns: (transfer full): the one-line JSON object the program prints
 *   first: url, organizationId and the accounts with their API keys
 */
char *
calbook_sandbox_dup_info_json (CalbookSandbox *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *users;

  g_return_val_if_fail (CALBOOK_IS_SANDBOX (self), NULL);

  users = calbook_sandbox_db_get_users (self->db);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  if (self->url != NULL)
    json_builder_add_string_value (builder, self->url);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "organizationId");
  json_builder_add_int_value (builder, ORGANIZATION_ID);
  json_builder_set_member_name (builder, "accounts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < users->len; i++)
    {
      const CalbookSandboxUser *user = g_ptr_array_index (users, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "username");
      json_builder_add_string_value (builder, user->username);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, user->name);
      json_builder_set_member_name (builder, "email");
      json_builder_add_string_value (builder, user->email);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, user->role);
      json_builder_set_member_name (builder, "apiKey");
      json_builder_add_string_value (builder, user->api_key);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

const char *
calbook_sandbox_get_api_key (CalbookSandbox *self,
                             const char     *username)
{
  const CalbookSandboxUser *user;

  g_return_val_if_fail (CALBOOK_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (username != NULL, NULL);

  user = calbook_sandbox_db_find_user_by_username (self->db, username);
  return user != NULL ? user->api_key : NULL;
}

/**
 * calbook_sandbox_dup_mutations_json:
 * @request_id: (nullable): only changes with this client request id
 * @uid: (nullable): only changes that named or returned this booking
 *
 * Returns: (transfer full): what GET /_sandbox/mutations answers, as text
 */
char *
calbook_sandbox_dup_mutations_json (CalbookSandbox *self,
                                    const char     *request_id,
                                    const char     *uid)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (CALBOOK_IS_SANDBOX (self), NULL);

  g_mutex_lock (&self->lock);
  root = calbook_sandbox_mutation_log_to_json (self->mutations, request_id, uid);
  g_mutex_unlock (&self->lock);

  return json_to_string (root, FALSE);
}

void
calbook_sandbox_set_now (CalbookSandbox *self,
                         gint64          unix_seconds)
{
  g_return_if_fail (CALBOOK_IS_SANDBOX (self));

  g_mutex_lock (&self->lock);
  self->has_now = TRUE;
  self->now_ms = unix_seconds * 1000;
  g_mutex_unlock (&self->lock);
}
