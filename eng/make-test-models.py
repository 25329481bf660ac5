#!/usr/bin/python3
"""Generates the ONNX models PatchDb's tests and benchmarks run through ONNX Runtime.

  tiny-clip/        CLIP's input/output shapes in the immich layout, seeded weights, a tiny CLIP-format BPE
                    vocabulary and golden.json (inputs and expected outputs computed with numpy).
  tiny-clip-batch1/ the same visual model declaring a fixed batch of 1.
  tiny-clip-int64/  the same textual model taking int64 tokens.
  vit-b32-random/   (--vit-b32) a full-size ViT-B/32-shaped visual graph with random weights, for benchmarks.

Run with Debian's python3 (python3-onnx 1.12, numpy); idempotent: finished outputs are left alone.
"""
import argparse
import base64
import json
import os
import re
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

# Bump when anything below changes the tiny model or golden data, so stale folders are regenerated.
GENERATOR_VERSION = 5
EMBED_DIM = 512
CONTEXT = 77
MEAN = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
STD = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)

# A small merge list in CLIP's format; "patches" splits into patc + he + s</w>.
MERGES = [
    ("a", "t</w>"), ("c", "at</w>"), ("h", "e"), ("l", "l"), ("he", "ll"), ("hell", "o</w>"),
    ("p", "h"), ("o", "t"), ("ph", "ot"), ("phot", "o</w>"), ("o", "f</w>"), ("p", "a"), ("t", "c"),
    ("pa", "tc"), ("patc", "h</w>"), ("e", "s</w>"), ("o", "r"), ("w", "or"), ("l", "d</w>"),
    ("wor", "ld</w>"), ("r", "e"),
]


def bytes_to_unicode():
    # CLIP's reversible byte <-> printable-character map.
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("\xa1"), ord("\xac") + 1)) \
        + list(range(ord("\xae"), ord("\xff") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def build_vocab():
    byte_chars = list(bytes_to_unicode().values())
    tokens = byte_chars + [c + "</w>" for c in byte_chars] + ["".join(m) for m in MERGES]
    tokens += ["<|startoftext|>", "<|endoftext|>"]
    return {t: i for i, t in enumerate(tokens)}


class ReferenceTokenizer:
    """Independent ASCII-only reference of CLIP's tokenizer, used only to write golden token ids."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.ranks = {m: i for i, m in enumerate(MERGES)}
        self.byte_encoder = bytes_to_unicode()
        self.pattern = re.compile(
            r"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[a-z]+|[0-9]|[^\sa-z0-9]+", re.IGNORECASE)

    def bpe(self, token):
        word = list(token[:-1]) + [token[-1] + "</w>"]
        while len(word) > 1:
            pairs = [(word[i], word[i + 1]) for i in range(len(word) - 1)]
            best = min(pairs, key=lambda p: self.ranks.get(p, float("inf")))
            if best not in self.ranks:
                break
            merged, i = [], 0
            while i < len(word):
                if i < len(word) - 1 and (word[i], word[i + 1]) == best:
                    merged.append(word[i] + word[i + 1])
                    i += 2
                else:
                    merged.append(word[i])
                    i += 1
            word = merged
        return word

    def encode(self, text):
        text = re.sub(r"\s+", " ", text).strip().lower()
        ids = []
        for piece in self.pattern.findall(text):
            piece = "".join(self.byte_encoder[b] for b in piece.encode("utf-8"))
            ids.extend(self.vocab[t] for t in self.bpe(piece))
        ids = [self.vocab["<|startoftext|>"]] + ids[:CONTEXT - 2] + [self.vocab["<|endoftext|>"]]
        return ids + [0] * (CONTEXT - len(ids))


def l2_normalise_nodes(prefix, x, out):
    return [
        helper.make_node("ReduceL2", [x], [prefix + "_norm"], axes=[1], keepdims=1),
        helper.make_node("Div", [x, prefix + "_norm"], [out]),
    ]


def save(model, path):
    onnx.checker.check_model(model)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    onnx.save(model, tmp)
    os.replace(tmp, path)


def make_tiny_visual(rng, batch="batch"):
    # avg-pool 224 -> 8x8, flatten (192), matmul to 512, tanh, L2-normalise.
    w = (rng.standard_normal((192, EMBED_DIM)) * 0.2).astype(np.float32)
    b = (rng.standard_normal(EMBED_DIM) * 0.1).astype(np.float32)
    nodes = [
        helper.make_node("AveragePool", ["image"], ["pooled"], kernel_shape=[28, 28], strides=[28, 28]),
        helper.make_node("Flatten", ["pooled"], ["flat"], axis=1),
        helper.make_node("MatMul", ["flat", "w"], ["mm"]),
        helper.make_node("Add", ["mm", "b"], ["pre"]),
        helper.make_node("Tanh", ["pre"], ["act"]),
    ] + l2_normalise_nodes("v", "act", "embedding")
    graph = helper.make_graph(
        nodes, "tiny_clip_visual",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, [batch, 3, 224, 224])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, [batch, EMBED_DIM])],
        [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="patchdb")

    def reference(x):
        n = x.shape[0]
        pooled = x.reshape(n, 3, 8, 28, 8, 28).mean(axis=(3, 5), dtype=np.float64).astype(np.float32)
        act = np.tanh(pooled.reshape(n, 192) @ w + b)
        return act / np.linalg.norm(act, axis=1, keepdims=True)

    return model, reference


def make_tiny_textual(rng, vocab_size, dtype=TensorProto.INT32):
    # token + position embeddings, mean over positions, matmul to 512, tanh, L2-normalise.
    emb = (rng.standard_normal((vocab_size, 64)) * 0.5).astype(np.float32)
    pos = (rng.standard_normal((CONTEXT, 64)) * 0.1).astype(np.float32)
    w = (rng.standard_normal((64, EMBED_DIM)) * 0.3).astype(np.float32)
    nodes = [
        helper.make_node("Gather", ["emb", "text"], ["tok"], axis=0),
        helper.make_node("Add", ["tok", "pos"], ["seq"]),
        helper.make_node("ReduceMean", ["seq"], ["mean"], axes=[1], keepdims=0),
        helper.make_node("MatMul", ["mean", "w"], ["mm"]),
        helper.make_node("Tanh", ["mm"], ["act"]),
    ] + l2_normalise_nodes("t", "act", "embedding")
    graph = helper.make_graph(
        nodes, "tiny_clip_textual",
        [helper.make_tensor_value_info("text", dtype, ["batch", CONTEXT])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", EMBED_DIM])],
        [numpy_helper.from_array(emb, "emb"), numpy_helper.from_array(pos, "pos"), numpy_helper.from_array(w, "w")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="patchdb")

    def reference(ids):
        seq = emb[ids] + pos
        act = np.tanh(seq.mean(axis=1, dtype=np.float64).astype(np.float32) @ w)
        return act / np.linalg.norm(act, axis=1, keepdims=True)

    return model, reference


def write_tiny(out_dir):
    folder = os.path.join(out_dir, "tiny-clip")
    golden_path = os.path.join(folder, "golden.json")
    variants = [os.path.join(out_dir, v, "model.onnx") for v in ("tiny-clip-batch1/visual", "tiny-clip-int64/textual")]
    if os.path.exists(golden_path) and all(os.path.exists(v) for v in variants):
        with open(golden_path) as f:
            if json.load(f).get("generator_version") == GENERATOR_VERSION:
                print(f"{folder}: up to date")
                return
    rng = np.random.default_rng(20261122)
    vocab = build_vocab()
    visual, visual_ref = make_tiny_visual(rng)
    textual, textual_ref = make_tiny_textual(rng, len(vocab))
    save(visual, os.path.join(folder, "visual", "model.onnx"))
    # Variants with the same weights: a fixed batch of 1 and int64 tokens, as some exports declare.
    variant_rng = np.random.default_rng(20261122)
    fixed, _ = make_tiny_visual(variant_rng, batch=1)
    int64_text, _ = make_tiny_textual(variant_rng, len(vocab), TensorProto.INT64)
    save(fixed, os.path.join(out_dir, "tiny-clip-batch1", "visual", "model.onnx"))
    save(int64_text, os.path.join(out_dir, "tiny-clip-int64", "textual", "model.onnx"))
    save(textual, os.path.join(folder, "textual", "model.onnx"))

    textual_dir = os.path.join(folder, "textual")
    with open(os.path.join(textual_dir, "vocab.json"), "w") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(os.path.join(textual_dir, "merges.txt"), "w") as f:
        f.write("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in MERGES))
    with open(os.path.join(textual_dir, "tokenizer_config.json"), "w") as f:
        json.dump({"model_max_length": CONTEXT, "pad_token": "!", "do_lower_case": True}, f)

    # Golden images are already 224x224, so CLIP's resize and crop leave them alone.
    images = []
    for kind in range(3):
        if kind == 0:
            px = rng.integers(0, 256, (224, 224, 3), dtype=np.uint8)
        elif kind == 1:
            yy, xx = np.mgrid[0:224, 0:224]
            px = np.stack([xx, yy, (xx + yy) // 2], axis=-1).astype(np.uint8)
        else:
            px = np.full((224, 224, 3), (200, 30, 90), dtype=np.uint8)
        images.append(px)
    batch = np.stack([((im.astype(np.float32) / 255.0 - MEAN) / STD).transpose(2, 0, 1) for im in images])
    image_out = visual_ref(batch.astype(np.float32))

    tokenizer = ReferenceTokenizer(vocab)
    texts = ["a photo of a cat", "Hello   World!", "patches", "", "the red patch of 2024 " * 12]
    ids = np.array([tokenizer.encode(t) for t in texts], dtype=np.int32)
    text_out = textual_ref(ids)

    golden = {
        "generator_version": GENERATOR_VERSION,
        "tolerance": 1e-4,
        "images": [{"width": 224, "height": 224, "pixels_base64": base64.b64encode(im.tobytes()).decode(),
                    "embedding": e.tolist()} for im, e in zip(images, image_out)],
        "texts": [{"text": t, "tokens": i.tolist(), "embedding": e.tolist()}
                  for t, i, e in zip(texts, ids, text_out)],
    }
    tmp = golden_path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(golden, f)
    os.replace(tmp, golden_path)
    print(f"{folder}: written")


def make_vit_b32(rng):
    width, layers, heads, patch, grid, mlp = 768, 12, 12, 32, 7, 3072
    tokens, head_dim = grid * grid + 1, width // heads
    inits, nodes = [], []

    def param(name, shape, scale):
        inits.append(numpy_helper.from_array((rng.standard_normal(shape, dtype=np.float32) * scale), name))
        return name

    def const(name, values, dtype=np.int64):
        inits.append(numpy_helper.from_array(np.array(values, dtype=dtype), name))
        return name

    def layer_norm(x, name):
        g = const(name + "_g", np.ones(width), np.float32)
        b = const(name + "_b", np.zeros(width), np.float32)
        nodes.append(helper.make_node("LayerNormalization", [x, g, b], [name], axis=-1, epsilon=1e-5))
        return name

    def node(op, inputs, name, **attrs):
        nodes.append(helper.make_node(op, inputs, [name], **attrs))
        return name

    x = node("Conv", ["image", param("conv_w", (width, 3, patch, patch), 0.02)], "patches",
             kernel_shape=[patch, patch], strides=[patch, patch])
    x = node("Reshape", [x, const("shape_flat", [0, width, grid * grid])], "patches_flat")
    x = node("Transpose", [x], "patches_t", perm=[0, 2, 1])
    # The class token is expanded to the dynamic batch size.
    batch_dim = node("Slice", [node("Shape", ["image"], "image_shape"), const("s0", [0]), const("s1", [1])], "batch")
    cls_shape = node("Concat", [batch_dim, const("cls_tail", [1, width])], "cls_shape", axis=0)
    cls = node("Expand", [param("cls", (1, 1, width), 0.02), cls_shape], "cls_tok")
    x = node("Concat", [cls, x], "seq0", axis=1)
    x = node("Add", [x, param("pos", (1, tokens, width), 0.01)], "seq_pos")
    x = layer_norm(x, "ln_pre")
    split_shape = const("split_shape", [0, tokens, heads, head_dim])
    merge_shape = const("merge_shape", [0, tokens, width])
    scale = const("attn_scale", head_dim ** -0.5, np.float32)
    for i in range(layers):
        p = f"l{i}_"
        h = layer_norm(x, p + "ln1")
        qkv = []
        for part in "qkv":
            t = node("MatMul", [h, param(p + part + "_w", (width, width), 0.02)], p + part)
            t = node("Reshape", [t, split_shape], p + part + "_s")
            qkv.append(node("Transpose", [t], p + part + "_t", perm=[0, 2, 3, 1] if part == "k" else [0, 2, 1, 3]))
        att = node("Mul", [node("MatMul", [qkv[0], qkv[1]], p + "qk"), scale], p + "qk_s")
        att = node("Softmax", [att], p + "att", axis=-1)
        o = node("Transpose", [node("MatMul", [att, qkv[2]], p + "av")], p + "av_t", perm=[0, 2, 1, 3])
        o = node("MatMul", [node("Reshape", [o, merge_shape], p + "av_m"), param(p + "o_w", (width, width), 0.02)],
                 p + "o")
        x = node("Add", [x, o], p + "res1")
        h = layer_norm(x, p + "ln2")
        h = node("MatMul", [h, param(p + "fc1", (width, mlp), 0.02)], p + "fc1_o")
        gate = node("Sigmoid", [node("Mul", [h, const(p + "qg", 1.702, np.float32)], p + "qg_o")], p + "sig")
        h = node("Mul", [h, gate], p + "gelu")
        h = node("MatMul", [h, param(p + "fc2", (mlp, width), 0.02)], p + "fc2_o")
        x = node("Add", [x, h], p + "res2")
    x = node("Gather", [x, const("cls_index", 0)], "cls_out", axis=1)
    x = layer_norm(x, "ln_post")
    x = node("MatMul", [x, param("proj", (width, EMBED_DIM), 0.03)], "projected")
    nodes.extend(l2_normalise_nodes("v", x, "embedding"))
    graph = helper.make_graph(
        nodes, "vit_b32_random",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 3, 224, 224])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", EMBED_DIM])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="patchdb")


def write_vit_b32(out_dir):
    path = os.path.join(out_dir, "vit-b32-random", "visual", "model.onnx")
    if os.path.exists(path):
        print(f"{path}: up to date")
        return
    model = make_vit_b32(np.random.default_rng(32))
    params = sum(int(np.prod(t.dims)) for t in model.graph.initializer)
    save(model, path)
    print(f"{path}: written ({params / 1e6:.1f} M parameters)")


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", nargs="?", help="output folder (default: .patchdb/models in the repository)")
    parser.add_argument("--out", help="output folder (same as the positional argument)")
    parser.add_argument("--vit-b32", action="store_true", help="also write the full-size ViT-B/32-shaped graph")
    args = parser.parse_args()
    output = args.out or args.output or os.path.join(repo, ".patchdb", "models")
    write_tiny(output)
    if args.vit_b32:
        write_vit_b32(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
