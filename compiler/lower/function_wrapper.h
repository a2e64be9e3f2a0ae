// The exported-function wrapper (aqua-language.md 5.1): relay and argument fetching through
// getDataSrv, the body, the result through callbackSrv.response, errors through
// errorHandlingSrv.error, then topology resolution of the whole.
#pragma once

#include "compiler/lower/model.h"

#include <string>
#include <vector>

namespace aqua::lower {

struct WrapperArg {
  enum class Kind { Data, Stream, Arrow };
  std::string name;
  Kind kind = Kind::Data;
};

struct WrapperInput {
  std::vector<WrapperArg> args;
  OpPtr body;                        // may be null (empty body)
  std::vector<Val> results;          // values handed to callbackSrv.response
  std::vector<std::string> hoistedStreams; // `$s` declared at the function's top level
  bool relay = true;
  bool noXor = false;
};

// Names the wrapper gives argument values: `-a-arg-`, `$-s-arg-`.
std::string argVarName(const std::string &arg);
std::string streamArgVarName(const std::string &arg);

OpPtr wrapExportedFunction(const WrapperInput &input);

} // namespace aqua::lower
