// The signature JSON of an exported function and the definition of an exported service, in the
// shapes aqua-api 0.14.6 gives (aqua-language.md 7.3), as compact JSON text.
#pragma once

#include "compiler/lower/raw.h"

#include <string>

namespace aqua::lower {

std::string jsonString(const std::string &s);
std::string typeJson(const raw::TypePtr &type);
std::string functionSignatureJson(const std::string &publicName, const raw::Func &func);
std::string serviceDefinitionJson(const raw::TypePtr &service);

} // namespace aqua::lower
