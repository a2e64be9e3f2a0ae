// The exported-function wrapper (see function_wrapper.h).
#include "compiler/lower/function_wrapper.h"

#include "compiler/lower/topology.h"

namespace aqua::lower {

std::string argVarName(const std::string &arg) { return "-" + arg + "-arg-"; }
std::string streamArgVarName(const std::string &arg) { return "$-" + arg + "-arg-"; }

OpPtr wrapExportedFunction(const WrapperInput &input) {
  std::vector<OpPtr> items;
  const Val init = Val::initPeer();
  if (input.relay)
    items.push_back(makeCall(init, Val::str("getDataSrv"), "-relay-", {}, Val::var("-relay-")));
  for (const auto &arg : input.args) {
    switch (arg.kind) {
    case WrapperArg::Kind::Data:
      items.push_back(makeCall(init, Val::str("getDataSrv"), arg.name, {}, Val::var(argVarName(arg.name))));
      break;
    case WrapperArg::Kind::Stream: {
      // Streams arrive as arrays and are re-pushed into a local stream.
      Val iter = Val::var(arg.name + "-iter");
      Val item = Val::var(arg.name + "-item-0");
      items.push_back(makeCall(init, Val::str("getDataSrv"), arg.name, {}, iter));
      items.push_back(makeFold(iter, item,
                               makeSeq({makeAp(item, Val::var(streamArgVarName(arg.name))), makeNext(item)}),
                               makeNull()));
      break;
    }
    case WrapperArg::Kind::Arrow: break; // called back through callbackSrv
    }
  }
  if (input.body) items.push_back(input.body);
  if (!input.results.empty())
    items.push_back(makeCall(init, Val::str("callbackSrv"), "response", input.results, std::nullopt));
  OpPtr body = makeSeq(items);
  for (auto it = input.hoistedStreams.rbegin(); it != input.hoistedStreams.rend(); ++it)
    body = makeNew(Val::var(*it), body);
  TopologyOptions topo;
  if (input.relay) topo.relay = Val::var("-relay-");
  topo.noXor = input.noXor;
  OpPtr resolved = resolveTopology(body, topo);
  return makeXor(resolved, makeCall(init, Val::str("errorHandlingSrv"), "error",
                                    {Val::error(), Val::num("0")}, std::nullopt));
}

} // namespace aqua::lower
