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
  CALBOOK_SANDBOX_N_FAULTS
} CalbookSandboxFault;

#define CALBOOK_SANDBOX_FAULTS_HELP \
  "SPEC is a comma-separated list of KIND=PROBABILITY, for example\n" \
  "  429=0.1,500=0.05,502=0.05,503=0.05,drop=0.05,malformed=0.05,slow=0.1:2000,seed=7\n" \
  "429        answer 429 ThrottlerException (X-RateLimit-Remaining-Default: 0)\n" \
  "500        answer 500 InternalServerErrorException (envelope a)\n" \
  "502, 503   answer 502 / 503 with an HTML proxy page\n" \
  "drop       close the connection without answering\n" \
  "malformed  answer 200 with a truncated JSON body\n" \
  "slow=P:MS  delay the (normal or faulty) answer by MS milliseconds\n" \
  "seed=N     seed of the fault sequence (default: the data seed)\n" \
  "Each request draws once for drop/429/5xx/malformed (their probabilities\n" \
  "must add up to at most 1) and once for slow, so a seed replays exactly."

typedef struct _CalbookSandboxFaults CalbookSandboxFaults;

CalbookSandboxFaults *calbook_sandbox_faults_new   (const char            *spec,
                                                    guint64                default_seed,
                                                    GError               **error);
void                  calbook_sandbox_faults_free  (CalbookSandboxFaults  *self);
CalbookSandboxFault   calbook_sandbox_faults_roll  (CalbookSandboxFaults  *self,
                                                    guint                 *delay_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CalbookSandboxFaults, calbook_sandbox_faults_free)

G_END_DECLS
