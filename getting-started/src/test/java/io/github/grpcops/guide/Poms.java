package io.github.grpcops.guide;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Node;

/** Values read from a pom's text (not its effective model): what a reader of the file sees. */
final class Poms {

    private final Document document;

    private Poms(Document document) {
        this.document = document;
    }

    static Poms parse(Path pom) throws Exception {
        return new Poms(documents().parse(pom.toFile()));
    }

    static Poms parse(String pom) throws Exception {
        return new Poms(documents().parse(new ByteArrayInputStream(pom.getBytes(StandardCharsets.UTF_8))));
    }

    private static DocumentBuilder documents() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder();
    }

    /** The text at a path of element names under {@code project}, e.g. {@code properties/grpc.version}. */
    String text(String path) throws XPathExpressionException {
        String expression = "/*[local-name()='project']" + Arrays.stream(path.split("/"))
            .map(step -> step.startsWith("[") ? step : "/*[local-name()='" + step + "']")
            .reduce("", String::concat);
        Node node = (Node) XPathFactory.newInstance().newXPath().evaluate(expression, this.document, XPathConstants.NODE);
        if (node == null) {
            throw new IllegalStateException("No " + path);
        }
        return node.getTextContent().trim();
    }

    /** The {@code version} of the dependency or plugin {@code groupId:artifactId} anywhere in the pom. */
    String versionOf(String groupId, String artifactId) throws XPathExpressionException {
        String expression = "//*[*[local-name()='groupId']='" + groupId + "' and *[local-name()='artifactId']='"
                + artifactId + "']/*[local-name()='version']";
        Node node = (Node) XPathFactory.newInstance().newXPath().evaluate(expression, this.document, XPathConstants.NODE);
        if (node == null) {
            throw new IllegalStateException("No version of " + groupId + ":" + artifactId);
        }
        return node.getTextContent().trim();
    }
}
