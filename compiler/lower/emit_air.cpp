// Model -> air::Script, bottom-up. N-ary seq/par/xor become left-nested binary instructions,
// the shape the reference prints.
#include "compiler/lower/emit_air.h"

#include <cstdlib>
#include <stdexcept>

namespace aqua::lower {
namespace {

class Emitter {
public:
  air::Script script;

  air::ValueId value(const Val &v) {
    air::Value out;
    switch (v.kind) {
    case Val::Kind::InitPeer: out.kind = air::ValueKind::InitPeerId; break;
    case Val::Kind::Ttl: out.kind = air::ValueKind::Ttl; break;
    case Val::Kind::Timestamp: out.kind = air::ValueKind::Timestamp; break;
    case Val::Kind::Error: out.kind = air::ValueKind::Error; break;
    case Val::Kind::LastError: out.kind = air::ValueKind::LastError; break;
    case Val::Kind::String: out.kind = air::ValueKind::String; out.text = v.text; break;
    case Val::Kind::Int:
      out.kind = air::ValueKind::Int;
      out.text = v.text;
      out.intValue = std::strtoll(v.text.c_str(), nullptr, 10);
      break;
    case Val::Kind::Float:
      out.kind = air::ValueKind::Float;
      out.text = v.text;
      out.floatValue = std::strtod(v.text.c_str(), nullptr);
      break;
    case Val::Kind::Bool:
      out.kind = air::ValueKind::Bool;
      out.boolValue = v.text == "true";
      out.text = v.text;
      break;
    case Val::Kind::EmptyArray: out.kind = air::ValueKind::EmptyArray; break;
    case Val::Kind::Var:
      out.text = v.text;
      if (v.text.rfind("#%", 0) == 0) out.kind = air::ValueKind::CanonStreamMap;
      else if (v.text.rfind("#", 0) == 0) out.kind = air::ValueKind::CanonStream;
      else if (v.text.rfind("$", 0) == 0) out.kind = air::ValueKind::Stream;
      else if (v.text.rfind("%", 0) == 0) out.kind = air::ValueKind::StreamMap;
      else out.kind = air::ValueKind::Scalar;
      break;
    }
    if (v.hasLambda()) {
      air::Lambda lambda;
      lambda.isLength = v.isLength;
      lambda.path = v.path;
      out.lambda = script.add(std::move(lambda));
    }
    return script.add(std::move(out));
  }

  air::InstrId binary(air::InstrKind kind, const std::vector<OpPtr> &items) {
    air::InstrId acc = emit(items.at(0));
    for (size_t i = 1; i < items.size(); ++i) {
      air::Instr in;
      in.kind = kind;
      in.child[0] = acc;
      in.child[1] = emit(items[i]);
      acc = script.add(in);
    }
    return acc;
  }

  air::InstrId emit(const OpPtr &op) {
    air::Instr in;
    switch (op->kind) {
    case OpKind::Seq: return binary(air::InstrKind::Seq, op->children);
    case OpKind::Par: return binary(air::InstrKind::Par, op->children);
    case OpKind::Xor: return binary(air::InstrKind::Xor, op->children);
    case OpKind::Null: in.kind = air::InstrKind::Null; break;
    case OpKind::Never: in.kind = air::InstrKind::Never; break;
    case OpKind::Call: {
      in.kind = air::InstrKind::Call;
      in.v[0] = value(op->peer.value_or(Val::initPeer()));
      in.v[1] = value(op->service);
      in.v[2] = value(Val::str(op->function));
      std::vector<air::ValueId> args;
      for (const auto &a : op->args) args.push_back(value(a));
      in.argsBegin = static_cast<uint32_t>(script.callArgs.size());
      in.argsCount = static_cast<uint32_t>(args.size());
      for (auto id : args) script.callArgs.push_back(id);
      if (op->result) in.v[3] = value(*op->result);
      break;
    }
    case OpKind::Ap:
      in.kind = air::InstrKind::Ap;
      in.v[0] = value(op->a);
      in.v[1] = value(op->b);
      break;
    case OpKind::ApMap:
      in.kind = air::InstrKind::ApMap;
      in.v[0] = value(op->a);
      in.v[1] = value(op->b);
      in.v[2] = value(op->c);
      break;
    case OpKind::Canon:
      in.kind = op->a.text.rfind("%", 0) == 0
                    ? (op->b.text.rfind("#", 0) == 0 ? air::InstrKind::CanonMap
                                                     : air::InstrKind::CanonMapScalar)
                    : air::InstrKind::Canon;
      in.v[0] = value(op->peer.value_or(Val::initPeer()));
      in.v[1] = value(op->a);
      in.v[2] = value(op->b);
      break;
    case OpKind::New:
      in.kind = air::InstrKind::New;
      in.v[0] = value(op->a);
      in.child[0] = emit(op->children.at(0));
      break;
    case OpKind::Fold:
      in.kind = air::InstrKind::Fold;
      in.v[0] = value(op->a);
      in.v[1] = value(op->b);
      in.child[0] = emit(op->children.at(0));
      if (op->children.size() > 1) in.child[1] = emit(op->children[1]);
      break;
    case OpKind::Next:
      in.kind = air::InstrKind::Next;
      in.v[0] = value(op->a);
      break;
    case OpKind::Match:
    case OpKind::Mismatch:
      in.kind = op->kind == OpKind::Match ? air::InstrKind::Match : air::InstrKind::Mismatch;
      in.v[0] = value(op->a);
      in.v[1] = value(op->b);
      in.child[0] = emit(op->children.at(0));
      break;
    case OpKind::Fail:
      in.kind = air::InstrKind::Fail;
      in.v[0] = value(op->a);
      if (op->a.kind == Val::Kind::Int) in.v[1] = value(op->b);
      break;
    case OpKind::On: throw std::logic_error("emitAir: unresolved `on` block");
    }
    return script.add(in);
  }
};

} // namespace

air::Script emitAir(const OpPtr &root) {
  Emitter e;
  e.script.root = e.emit(root);
  return std::move(e.script);
}

} // namespace aqua::lower
