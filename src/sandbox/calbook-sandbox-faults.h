/* calbook-sandbox-faults.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CALBOOK_SANDBOX_FAULT_NONE,
  CALBOOK_SANDBOX_FAULT_DROP,
  CALBOOK_SANDBOX_FAULT_429,
  CALBOOK_SANDBOX_FAULT_500,
  CALBOOK_SANDBOX_FAULT_502,
  CALBOOK_SANDBOX_FAULT_503,
  CALBOOK_SANDBOX_FAULT_MALFORMED,
  /* Appended, so that older specs keep replaying the same sequence */
  CALBOOK_SANDBOX_FAULT_504,
  CALBOOK_SANDBOX_FAULT_APPLIED_DROP,
  CALBOOK_SANDBOX_FAULT_APPLIED_502,
  CALBOOK_SANDBOX_FAULT_APPLIED_504,
  CALBOOK_SANDBOX_N_FAULTS
} CalbookSandboxFault;

/* Which requests the faults hit */
typedef enum
{
  CALBOOK_SANDBOX_FAULTS_ON_ALL,
  CALBOOK_SANDBOX_FAULTS_ON_WRITES,
  CALBOOK_SANDBOX_FAULTS_ON_READS,
} CalbookSandboxFaultTarget;

/* What happens to the delay of a slow request */
typedef enum
{
  CALBOOK_SANDBOX_DELAY_NONE,
  CALBOOK_SANDBOX_DELAY_SLOW,    /* wait, then compute the answer */
  CALBOOK_SANDBOX_DELAY_STALE,   /* compute the answer, then wait */
} CalbookSandboxDelay;

#define CALBOOK_SANDBOX_FAULT_IS_APPLIED(f) \
  ((f) == CALBOOK_SANDBOX_FAULT_APPLIED_DROP || (f) == CALBOOK_SANDBOX_FAULT_APPLIED_502 || \
   (f) == CALBOOK_SANDBOX_FAULT_APPLIED_504)

#define CALBOOK_SANDBOX_FAULTS_HELP \
  "SPEC is a comma-separated list of KIND=PROBABILITY, for example\n" \
  "  429=0.1,500=0.05,502=0.05,503=0.05,drop=0.05,malformed=0.05,slow=0.1:2000,seed=7\n" \
  "429=P[:S]  answer 429 ThrottlerException, X-RateLimit-Reset-Default S seconds (default 1)\n" \
  "500        answer 500 InternalServerErrorException (envelope a)\n" \
  "502, 503, 504  answer 502 / 503 / 504 with an HTML proxy page\n" \
  "drop       close the connection without answering\n" \
  "malformed  answer 200 with a truncated JSON body\n" \
  "applied-drop, applied-502, applied-504\n" \
  "           carry the request out (a change is applied), then close the\n" \
  "           connection or answer 502 / 504 instead of the real answer\n" \
  "slow=P:MS  wait MS milliseconds, then compute the (normal or faulty) answer\n" \
  "stale=P:MS compute the answer first, then deliver it MS milliseconds late\n" \
  "on=writes|reads|all  hit only POST/PATCH/PUT/DELETE, only GET, or all (default)\n" \
  "seed=N     seed of the fault sequence (default: the data seed)\n" \
  "Each request draws once for drop/429/5xx/malformed/applied-* (their\n" \
  "probabilities must add up to at most 1) and once for slow/stale (likewise),\n" \
  "whether it is targeted or not, so a seed replays exactly."

typedef struct _CalbookSandboxFaults CalbookSandboxFaults;

CalbookSandboxFaults *calbook_sandbox_faults_new   (const char            *spec,
                                                    guint64                default_seed,
                                                    GError               **error);
void                  calbook_sandbox_faults_free  (CalbookSandboxFaults  *self);
CalbookSandboxFault   calbook_sandbox_faults_roll  (CalbookSandboxFaults  *self,
                                                    gboolean               is_write,
                                                    CalbookSandboxDelay   *delay,
                                                    guint                 *delay_ms);
guint                 calbook_sandbox_faults_get_throttle_reset (CalbookSandboxFaults *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CalbookSandboxFaults, calbook_sandbox_faults_free)

G_END_DECLS
