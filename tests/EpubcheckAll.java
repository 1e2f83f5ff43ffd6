// EpubcheckAll.java EPUB... - epubcheck on every EPUB in one JVM, which starts once
// instead of once a file (seconds each). Each file is checked with the default
// profile, warnings failing it as errors do. Exits 0 only when every file is clean.
// Run: java -cp /usr/share/java/epubcheck.jar tests/EpubcheckAll.java FILE...
public class EpubcheckAll {
	public static void main(String[] files) {
		int bad = 0;
		for (String f : files) {
			String[] args = {f, "--profile", "default", "--failonwarnings"};
			if (new com.adobe.epubcheck.tool.EpubChecker().run(args) != 0)
				bad++;
		}
		System.exit(bad == 0 ? 0 : 1);
	}
}
