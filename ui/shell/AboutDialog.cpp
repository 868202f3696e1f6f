#include "AboutDialog.h"

#include "core/about/LinkedLibrary.h"
#include "ui/common/Form.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

enum Column
{
    Name,
    Version,
    License,
    Purpose,
};

} // namespace

AboutDialog::AboutDialog(const QString &tenantPath, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Authdeck"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 18);
    layout->setSpacing(12);

    auto *header = new QHBoxLayout;
    header->setSpacing(16);
    auto *logo = new QLabel(this);
    logo->setPixmap(QIcon(QStringLiteral(":/authdeck/icons/authdeck.svg")).pixmap(56, 56));
    logo->setAlignment(Qt::AlignTop);
    header->addWidget(logo);
    auto *title = Form::pageHeader(tr("Authdeck %1").arg(QCoreApplication::applicationVersion()),
                                   tr("A desktop console for setting up and testing login security."),
                                   this);
    header->addWidget(title, 1);
    layout->addLayout(header);

    auto *qt = Form::hint(tr("Running on Qt %1, built with Qt %2.")
                              .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
                          this);
    qt->setObjectName(QStringLiteral("aboutQt"));
    layout->addWidget(qt);
    auto *tenant = Form::hint(tr("Tenant file: %1").arg(QDir::toNativeSeparators(tenantPath)), this);
    tenant->setObjectName(QStringLiteral("aboutTenant"));
    tenant->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(tenant);

    layout->addSpacing(4);
    layout->addWidget(Form::section(tr("Licenses"), this));
    auto *license
        = new QLabel(tr("Authdeck is licensed under the Apache License 2.0. It links these libraries, "
                        "each under its own license:"),
                     this);
    license->setWordWrap(true);
    layout->addWidget(license);

    auto *libraries = new QTreeWidget(this);
    libraries->setObjectName(QStringLiteral("aboutLibraries"));
    libraries->setAccessibleName(tr("Linked libraries and their licenses"));
    Form::setUpList(libraries);
    libraries->setHeaderLabels({tr("Library"), tr("Version"), tr("License"), tr("Used for")});
    for (const LinkedLibrary &library : LinkedLibrary::all()) {
        auto *item = new QTreeWidgetItem(libraries);
        item->setText(Name, library.name);
        item->setToolTip(Name, library.homepage.toString());
        item->setText(Version, library.version.isEmpty() ? tr("not reported") : library.version);
        item->setText(License, library.license);
        item->setText(Purpose, library.purpose);
    }
    for (int column : {Name, Version, License})
        libraries->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    // Every row in view, without a scroll bar (measured in the style sheet's row height).
    libraries->ensurePolished();
    libraries->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    libraries->setFixedHeight(libraries->header()->sizeHint().height()
                              + libraries->topLevelItemCount() * libraries->sizeHintForRow(0)
                              + 2 * libraries->frameWidth());
    layout->addWidget(libraries);

    auto *notes = Form::hint(
        tr("Qt HTTP Server is licensed under the GPL 3.0 only, so the authdeck and authdeck-cli programs as "
           "a "
           "whole are distributed under the GPL 3.0, which the Apache License 2.0 allows. libphonenumber "
           "brings "
           "in Protocol Buffers (BSD-3-Clause), ICU (Unicode License) and Abseil (Apache-2.0); the line "
           "icons "
           "follow the Feather icon set (MIT). The full texts are in /usr/share/doc/authdeck/copyright and "
           "/usr/share/common-licenses."),
        this);
    notes->setObjectName(QStringLiteral("aboutLicense"));
    notes->setWordWrap(true);
    notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(notes);
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    buttons->button(QDialogButtonBox::Close)->setDefault(true);
    Form::fitDialog(this, 860);
}
