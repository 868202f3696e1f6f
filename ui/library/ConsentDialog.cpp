#include "ConsentDialog.h"

#include "core/actions/IntegrationCatalog.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"

#include <QDialogButtonBox>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

ConsentDialog::ConsentDialog(const CatalogEntry &entry, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("consentDialog"));
    setWindowTitle(tr("Add %1").arg(entry.name));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 18);
    layout->setSpacing(12);
    auto *logo = new QLabel(this);
    logo->setPixmap(QIcon(entry.logo).pixmap(48, 48));
    layout->addWidget(logo, 0, Qt::AlignHCenter);
    auto *title = Form::section(tr("%1 will need access to:").arg(entry.name), this);
    title->setAlignment(Qt::AlignHCenter);
    layout->addWidget(title);
    for (const QString &scope : entry.consent) {
        auto *item = new QLabel(QStringLiteral("•  ") + scope, this);
        item->setObjectName(QStringLiteral("consentScope"));
        layout->addWidget(item);
    }
    layout->addWidget(
        Form::hint(tr("It runs in your tenant's %1 flow once you add it there.").arg(entry.trigger), this));
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("consentCancel"));
    QPushButton *ok = buttons->addButton(tr("Continue"), QDialogButtonBox::AcceptRole);
    ok->setObjectName(QStringLiteral("consentContinue"));
    ok->setDefault(true);
    Form::setKind(ok, QStringLiteral("primary"));
    ConfirmationBox::useFlatButtons(buttons);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    Form::fitDialog(this, 440);
}
