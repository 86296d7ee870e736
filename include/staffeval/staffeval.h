/// @file staffeval.h
/// Umbrella header: everything of the staffeval C++ API.
#pragma once

#include "staffeval/analyses.h"
#include "staffeval/batch.h"
#include "staffeval/data.h"
#include "staffeval/dea.h"
#include "staffeval/error.h"
#include "staffeval/indicator_sets.h"
#include "staffeval/methods.h"
#include "staffeval/model.h"
#include "staffeval/output.h"
#include "staffeval/scoring.h"
#include "staffeval/sensitivity.h"
#include "staffeval/sobol.h"
#include "staffeval/types.h"
#include "staffeval/uncertainty.h"
#include "staffeval/weighting.h"
#include "staffeval/report.h"
#include "staffeval/workbook.h"
