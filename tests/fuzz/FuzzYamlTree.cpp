// deploy-cli's tenant.yaml as YamlTree reads it (yaml-cpp underneath, with Authdeck's limits on size, depth,
// node count, anchors and tags). A document it accepts must write back (YamlTree::write, what export does)
// to YAML that reads again to the same document. Input: the YAML file.

#include "FuzzInput.h"
#include "core/exchange/YamlTree.h"

#include <QJsonDocument>

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzInput::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto tree = YamlTree::parse(FuzzInput::bytes(data, size));
    if (!tree)
        return 0;
    const QByteArray written = YamlTree::write(tree.value().document(), {});
    const auto again = YamlTree::parse(written);
    if (!again || again.value().document() != tree.value().document()) {
        fprintf(stderr,
                "YamlTree::write() lost the document:\n%s\nwrote:\n%s\nread back: %s\n",
                QJsonDocument(tree.value().document()).toJson().constData(),
                written.constData(),
                again ? QJsonDocument(again.value().document()).toJson().constData()
                      : qPrintable(again.error().message()));
        abort();
    }
    return 0;
}
