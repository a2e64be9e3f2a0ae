// Lowers every exported function of a raw module (see compile_module.h).
#include "compiler/lower/compile_module.h"

#include "compiler/lower/signature_json.h"

namespace aqua::lower {

LoweredModule lowerModule(const raw::Module &module, const LowerOptions &options,
                          const std::vector<std::string> &exportedServices) {
  LoweredModule out;
  for (const auto &[publicName, funcName] : module.exports) {
    auto it = module.funcs.find(funcName);
    if (it == module.funcs.end()) continue;
    try {
      out.functions.push_back(LoweredFunction{publicName, lowerToScript(module, *it->second, options),
                                              functionSignatureJson(publicName, *it->second)});
    } catch (const std::exception &e) {
      out.errors.push_back("cannot lower function `" + publicName + "`: " + e.what());
    }
  }
  for (const auto &name : exportedServices) {
    auto it = module.services.find(name);
    if (it != module.services.end()) out.services.emplace_back(name, serviceDefinitionJson(it->second));
  }
  return out;
}

} // namespace aqua::lower
